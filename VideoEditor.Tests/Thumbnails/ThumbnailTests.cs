using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using VideoEditor.Tests.Support;

namespace VideoEditor.Tests.Thumbnails;

/// <summary>
/// Thumbnails of one upload, made by ffmpeg: the in-process api has no worker, so no previews are made. No test deletes
/// the video, and the one that asserts a first cache miss asks for a size no other test asks for.
/// </summary>
public sealed class ThumbnailTests(ApiWithClock host) : IClassFixture<ApiWithClock>
{
    private readonly VideoApi _api = host.Api;
    private readonly VideoDto _clock = host.Clock;

    [Theory]
    [InlineData(0.5)]
    [InlineData(2.25)]
    [InlineData(5.5)]
    [InlineData(11.5)]
    public async Task An_accurate_thumbnail_shows_the_colour_of_that_moment(double t)
    {
        using var response = await GetAsync($"t={Invariant(t)}&accurate=true&format=png");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/png", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(TestMedia.ColorAt(t), await MediaInspector.CenterColorAsync(await response.Content.ReadAsByteArrayAsync(), ".png"));
    }

    [Theory]
    [InlineData(5.5, 4)]
    [InlineData(3.9, 0)]
    [InlineData(8.0, 8)]
    public async Task A_fast_thumbnail_shows_the_keyframe_at_or_before_that_moment(double t, double keyframe)
    {
        using var response = await GetAsync($"t={Invariant(t)}&format=png");

        Assert.Equal(TestMedia.ColorAt(keyframe), await MediaInspector.CenterColorAsync(await response.Content.ReadAsByteArrayAsync(), ".png"));
    }

    [Theory]
    [InlineData("", 320, 240)]
    [InlineData("&width=160", 160, 120)]
    [InlineData("&height=60", 80, 60)]
    [InlineData("&width=100&height=50", 100, 50)]
    public async Task Size_keeps_the_aspect_ratio_unless_both_sides_are_given(string size, int width, int height)
    {
        using var response = await GetAsync($"t=1{size}");
        var image = await MediaInspector.ProbeAsync(await response.Content.ReadAsByteArrayAsync(), ".jpg");

        Assert.Equal("image/jpeg", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal((width, height), (image.Video.Width, image.Video.Height));
    }

    [Theory]
    [InlineData("jpeg", "image/jpeg", "mjpeg")]
    [InlineData("png", "image/png", "png")]
    [InlineData("webp", "image/webp", "webp")]
    public async Task Each_format_decodes_as_what_it_claims(string format, string contentType, string codec)
    {
        using var response = await GetAsync($"t=2.5&format={format}&accurate=true");
        var bytes = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(contentType, response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(codec, (await MediaInspector.ProbeAsync(bytes, "." + format)).Video.Codec);
        Assert.Equal(TestMedia.ColorAt(2.5), await MediaInspector.CenterColorAsync(bytes, "." + format));
    }

    [Fact]
    public async Task The_second_request_is_a_cache_hit_with_the_same_bytes_and_validators()
    {
        using var first = await GetAsync("t=7.25&width=64");
        using var second = await GetAsync("t=7.25&width=64");

        Assert.Equal("miss", first.Headers.GetValues("X-Thumbnail-Cache").Single());
        Assert.Equal("hit", second.Headers.GetValues("X-Thumbnail-Cache").Single());
        Assert.Equal(await first.Content.ReadAsByteArrayAsync(), await second.Content.ReadAsByteArrayAsync());
        Assert.Equal(first.Headers.ETag, second.Headers.ETag);
        Assert.True(second.Headers.CacheControl?.Public);
        Assert.Equal(TimeSpan.FromDays(365), second.Headers.CacheControl?.MaxAge);
        Assert.Contains("immutable", second.Headers.CacheControl!.Extensions.Select(extension => extension.Name));
        // HybridCache answers before its write to Redis has finished.
        Assert.NotEmpty(await Poll.UntilAsync(() => Task.FromResult(host.Cache.Keys($"video-editor:thumbnails:{_clock.Id}:*")), keys => keys.Count > 0, TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task If_none_match_with_the_etag_gets_304()
    {
        using var first = await GetAsync("t=3");
        using var request = new HttpRequestMessage(HttpMethod.Get, _api.Url($"/api/videos/{_clock.Id}/thumbnail?t=3"));
        request.Headers.IfNoneMatch.Add(first.Headers.ETag!);
        using var conditional = await _api.Http.SendAsync(request);
        using var other = new HttpRequestMessage(HttpMethod.Get, _api.Url($"/api/videos/{_clock.Id}/thumbnail?t=4"));
        other.Headers.IfNoneMatch.Add(first.Headers.ETag!);
        using var different = await _api.Http.SendAsync(other);

        Assert.Equal(HttpStatusCode.NotModified, conditional.StatusCode);
        Assert.Empty(await conditional.Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.OK, different.StatusCode);
    }

    [Theory]
    [InlineData("t=-1", "t")]
    [InlineData("t=12", "t")]
    [InlineData("t=1e308", "t")]
    [InlineData("t=NaN", "t")]
    [InlineData("t=abc", "t")]
    [InlineData("width=0", "width")]
    [InlineData("width=-1", "width")]
    [InlineData("width=99999", "width")]
    [InlineData("width=321", "width")]
    [InlineData("height=241", "height")]
    [InlineData("width=8192&height=8192&format=png&accurate=true", "width")]
    [InlineData("height=1.5", "height")]
    [InlineData("format=gif", "format")]
    [InlineData("format=../../x", "format")]
    [InlineData("accurate=maybe", "accurate")]
    public async Task Bad_parameters_get_400_naming_the_parameter(string query, string parameter)
    {
        using var response = await GetAsync(query);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await VideoApi.ProblemAsync(response);
        Assert.True(problem.GetProperty("errors").TryGetProperty(parameter, out _), problem.ToString());
    }

    [Fact]
    public async Task An_unknown_video_gets_404()
    {
        using var response = await _api.Http.GetAsync(_api.Url("/api/videos/0123456789abcdef0123456789abcdef/thumbnail?t=1"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private Task<HttpResponseMessage> GetAsync(string query) =>
        _api.Http.GetAsync(_api.Url($"/api/videos/{_clock.Id}/thumbnail?{query}"));

    private static string Invariant(double value) => value.ToString(CultureInfo.InvariantCulture);
}
