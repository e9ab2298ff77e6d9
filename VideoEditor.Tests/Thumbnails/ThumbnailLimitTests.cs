using System.Net;
using VideoEditor.Tests.Support;

namespace VideoEditor.Tests.Thumbnails;

/// <summary>An api that holds at most 64 KB of one thumbnail, and a 1280x720 upload whose png frames are larger.</summary>
public sealed class ApiWithSmallImageCap() : ApiWithUpload(new() { ["Thumbnails:MaxImageBytes"] = "65536" }, media => media.Long);

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
}
