using System.Text.Json;
using VideoEditor.Tests.Support;

namespace VideoEditor.Tests.Videos;

public sealed class OpenApiTests(ApiHost host) : IClassFixture<ApiHost>
{
    [Fact]
    public async Task The_api_describes_every_resource_in_openapi()
    {
        var document = JsonDocument.Parse(await host.Http.GetStringAsync(new Uri(host.BaseAddress, "/openapi/v1.json"))).RootElement;
        var paths = document.GetProperty("paths").EnumerateObject().Select(path => path.Name).ToHashSet();

        Assert.Superset(new HashSet<string>
        {
            "/api/videos", "/api/videos/{id}", "/api/videos/{id}/content", "/api/videos/{id}/thumbnail",
            "/api/videos/{id}/storyboard.jpg", "/api/videos/{id}/storyboard.vtt",
            "/api/videos/{id}/trim", "/api/videos/{id}/split", "/api/videos/{id}/process", "/api/jobs/{jobId}",
        }, paths);
    }
}
