using System.Net;
using VideoEditor.Tests.Support;

namespace VideoEditor.Tests.Thumbnails;

/// <summary>
/// An api that makes thumbnails of at most 64 KB and caches those of at most 8 KB, and a 1280x720 upload whose png
/// frames are larger.
/// </summary>
public sealed class ApiWithSmallImageCap() : ApiWithUpload(
    new() { ["Thumbnails:MaxImageBytes"] = "65536", ["Thumbnails:MaxCachedImageBytes"] = "8192" }, media => media.Long);

public sealed class ThumbnailLimitTests(ApiWithSmallImageCap host) : IClassFixture<ApiWithSmallImageCap>
{
    private readonly VideoApi _api = host.Api;

    [Fact]
    public async Task An_image_past_the_byte_cap_stops_ffmpeg_and_gets_422()
    {
        using var response = await _api.Http.GetAsync(_api.Url($"/api/videos/{host.Video.Id}/thumbnail?t=30&format=png&accurate=true"));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var problem = await VideoApi.ProblemAsync(response);
        Assert.Equal("The image is too large", problem.GetProperty("title").GetString());
        Assert.Contains("jpeg or webp", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Empty(await Poll.UntilAsync(
            () => Task.FromResult(LocalMachine.FFmpegProcessesMentioning(host.MediaDirectory)), pids => pids.Count == 0, TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public async Task An_image_under_the_cap_is_made_as_usual()
    {
        using var response = await _api.Http.GetAsync(_api.Url($"/api/videos/{host.Video.Id}/thumbnail?t=30&width=320"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True((await response.Content.ReadAsByteArrayAsync()).Length < 65536);
    }

    [Fact]
    public async Task An_image_over_the_cache_limit_is_sent_every_time_but_never_cached()
    {
        var url = _api.Url($"/api/videos/{host.Video.Id}/thumbnail?t=40&width=400");

        using var first = await _api.Http.GetAsync(url);
        using var second = await _api.Http.GetAsync(url);
        var image = await first.Content.ReadAsByteArrayAsync();

        Assert.InRange(image.Length, 8193, 65536);
        Assert.Equal(image, await second.Content.ReadAsByteArrayAsync());
        Assert.Equal(["miss", "miss"], new[] { first, second }.Select(response => response.Headers.GetValues("X-Thumbnail-Cache").Single()));
        Assert.Empty(host.Cache.Keys($"video-editor:thumbnails:{host.Video.Id}:*"));
    }
}
