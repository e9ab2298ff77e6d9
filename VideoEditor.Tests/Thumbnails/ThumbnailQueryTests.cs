using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using VideoEditor.Api.Thumbnails;
using VideoEditor.Media.FFmpeg;
using VideoEditor.Media.Videos;

namespace VideoEditor.Tests.Thumbnails;

/// <summary>The thumbnail query, checked against its video and normalised into what the cache key and ffmpeg use.</summary>
public sealed class ThumbnailQueryTests
{
    private static readonly Video TenSeconds = new("0123456789abcdef0123456789abcdef", "clip.mp4", 1000, "mp4", 10, 320, 240, 0, 24, "h264", "aac", 100_000, DateTimeOffset.UnixEpoch);

    private static (ThumbnailSpec? Spec, Dictionary<string, string[]> Errors) Parse(string query, long maxPixels = 1_000_000) =>
        ThumbnailQuery.Parse(new QueryCollection(QueryHelpers.ParseQuery(query)), TenSeconds, maxDimension: 1000, maxPixels);

    [Fact]
    public void No_parameters_ask_for_the_first_frame_at_its_size_as_a_fast_jpeg()
    {
        var (spec, errors) = Parse("");

        Assert.Empty(errors);
        Assert.Equal(new ThumbnailSpec(0, null, null, ImageFormat.Jpeg, false), spec);
    }

    [Fact]
    public void Every_parameter_is_read_and_the_time_kept_to_milliseconds()
    {
        var (spec, _) = Parse("t=2.123456&width=200&height=100&format=WebP&accurate=true");

        Assert.Equal(new ThumbnailSpec(2.123, 200, 100, ImageFormat.Webp, true), spec);
    }

    [Theory]
    [InlineData("t=-1", "t")]
    [InlineData("t=10", "t")]
    [InlineData("t=NaN", "t")]
    [InlineData("t=Infinity", "t")]
    [InlineData("t=soon", "t")]
    [InlineData("width=0", "width")]
    [InlineData("width=1001", "width")]
    [InlineData("width=-5", "width")]
    [InlineData("width=12.5", "width")]
    [InlineData("height=%2B20", "height")]
    [InlineData("format=gif", "format")]
    [InlineData("accurate=yes", "accurate")]
    public void A_bad_parameter_is_named(string query, string parameter)
    {
        var (spec, errors) = Parse(query);

        Assert.Null(spec);
        Assert.Equal([parameter], errors.Keys);
    }

    [Theory]
    [InlineData("width=321", "width")]
    [InlineData("height=241", "height")]
    [InlineData("width=321&height=241", "height,width")]
    [InlineData("width=100&height=241", "height")]
    public void A_thumbnail_is_never_larger_than_the_videos_frame(string query, string parameters)
    {
        var (spec, errors) = Parse(query);

        Assert.Null(spec);
        Assert.Equal(parameters.Split(','), errors.Keys.Order());
        Assert.Contains("never enlarged", errors.Values.First()[0], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "width")]
    [InlineData("width=320", "width")]
    [InlineData("height=240", "height")]
    [InlineData("width=300&height=200", "width")]
    public void A_thumbnail_over_the_pixel_limit_is_refused_the_computed_side_counted_too(string query, string parameter)
    {
        // 320x240 is 76800 pixels; 280x210 (280 wide, the height following) is 58800.
        var (spec, errors) = Parse(query, maxPixels: 58_800 - 1);

        Assert.Null(spec);
        Assert.Equal([parameter], errors.Keys);
        Assert.Contains("58799 pixels", errors[parameter][0], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("width=320&height=240")]
    [InlineData("width=280")]
    [InlineData("height=210")]
    public void A_thumbnail_as_large_as_the_frame_is_made(string query) => Assert.Empty(Parse(query).Errors);

    [Fact]
    public void A_thumbnail_of_exactly_the_pixel_limit_is_made()
    {
        Assert.Empty(Parse("width=280", maxPixels: 58_800).Errors);
        Assert.NotEmpty(Parse("width=281", maxPixels: 58_800).Errors);
    }

    [Fact]
    public void Every_bad_parameter_is_named_at_once()
    {
        var (_, errors) = Parse("t=99&width=0&format=bmp");

        Assert.Equal(["format", "t", "width"], errors.Keys.Order());
    }

    [Theory]
    [InlineData("jpeg", ImageFormat.Jpeg, "image/jpeg")]
    [InlineData("png", ImageFormat.Png, "image/png")]
    [InlineData("webp", ImageFormat.Webp, "image/webp")]
    public void A_format_is_named_and_sent_as_its_content_type(string name, ImageFormat format, string contentType)
    {
        Assert.True(ImageFormats.TryParse(name.ToUpperInvariant(), out var parsed));
        Assert.Equal(format, parsed);
        Assert.Equal(name, format.Name());
        Assert.Equal(contentType, format.ContentType());
    }

    [Fact]
    public void A_cache_key_names_the_video_and_every_normalised_parameter()
    {
        Assert.Equal("v:t=2.5:w=200:h=:png:exact", ThumbnailCache.Key("v", new ThumbnailSpec(2.5, 200, null, ImageFormat.Png, true)));
        Assert.Equal("v:keyframe=4.004:w=320:h=180:webp", ThumbnailCache.PreviewKey("v", 4.004, 320, 180, ImageFormat.Webp));
        Assert.NotEqual(ThumbnailCache.ETag("v:a"), ThumbnailCache.ETag("v:b"));
        Assert.Matches("^\"[0-9a-f]{24}\"$", ThumbnailCache.ETag("v:a"));
    }
}
