using System.Text.Json;
using VideoEditor.Tests.Support;

namespace VideoEditor.Tests.Deployment;

/// <summary>The deployment manifest, generated once as a user would: the AppHost run with <c>--publisher manifest</c>.</summary>
public sealed class ManifestFixture : IAsyncLifetime
{
    private readonly string _directory = Directory.CreateTempSubdirectory("manifest-").FullName;

    public string Path => System.IO.Path.Combine(_directory, "aspire-manifest.json");

    public JsonElement Resources { get; private set; }

    public async Task InitializeAsync()
    {
        var result = await ExternalCommand.RunAppHostAsync(["--publisher", "manifest", "--output-path", Path]);
        Assert.True(result.ExitCode == 0, result.ToString());
        Resources = JsonDocument.Parse(await File.ReadAllTextAsync(Path)).RootElement.GetProperty("resources").Clone();
    }

    public Task DisposeAsync()
    {
        Directory.Delete(_directory, recursive: true);
        return Task.CompletedTask;
    }

    /// <summary>A path of the manifest (relative to the manifest's folder) as a full path.</summary>
    public string Resolve(string relative) => System.IO.Path.GetFullPath(System.IO.Path.Combine(_directory, relative));
}
