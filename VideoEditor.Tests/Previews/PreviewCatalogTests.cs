using System.Net;
using VideoEditor.Tests.Support;

namespace VideoEditor.Tests.Previews;

public sealed class ApiWithClockForPreviews() : ApiWithUpload([], media => media.Clock);

/// <summary>The api's use of preview indexes the worker wrote (written here by hand: no worker runs).</summary>
public sealed class PreviewCatalogTests(ApiWithClockForPreviews host) : IClassFixture<ApiWithClockForPreviews>
{
    [Fact]
    public async Task An_index_file_too_large_to_read_is_never_parsed_and_is_remembered_as_unusable()
    {
        var preview = Directory.CreateDirectory(Path.Combine(host.MediaDirectory, "videos", host.Video.Id, "preview")).FullName;
        // Two megabytes that are not JSON: parsed, they would fail the request.
        await File.WriteAllTextAsync(Path.Combine(preview, "index.json"), new string('x', 2 << 20));

        Assert.Equal("ffmpeg", await ThumbnailSourceAsync("t=1.0&width=80"));

        // A usable index now in its place is not read either: the verdict is kept (for 10 minutes unused).
        await File.WriteAllTextAsync(Path.Combine(preview, "index.json"), """{"width":320,"height":240,"frames":[{"time":0,"file":"frame-00000.jpg"}]}""");
        File.Copy((await TestMedia.GetAsync()).Image, Path.Combine(preview, "frame-00000.jpg"));
        Assert.Equal("ffmpeg", await ThumbnailSourceAsync("t=1.1&width=80"));
    }

    private async Task<string> ThumbnailSourceAsync(string query)
    {
        using var response = await host.Http.GetAsync(host.Api.Url($"/api/videos/{host.Video.Id}/thumbnail?{query}"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return response.Headers.GetValues("X-Thumbnail-Source").Single();
    }
}
