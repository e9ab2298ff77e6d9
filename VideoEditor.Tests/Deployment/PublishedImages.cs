using System.Text.Json;
using VideoEditor.AppHost.Stack;
using VideoEditor.Tests.Containers;
using VideoEditor.Tests.Support;

namespace VideoEditor.Tests.Deployment;

/// <summary>
/// Builds every image the azd manifest names, from the manifest's own build entries (context, Dockerfile, build
/// arguments), on the local engine, once for the test run. Where no registry answers, the Dockerfiles' base images
/// are the local stand-ins (<c>scripts/container-engine.sh</c>); Grafana has none and is not built then.
/// </summary>
public sealed class PublishedImages : IAsyncLifetime
{
    /// <summary>Each Dockerfile's base-image argument and its stand-in.</summary>
    public static readonly IReadOnlyDictionary<string, string?> StandInBases = new Dictionary<string, string?>
    {
        ["SDK_IMAGE"] = "localhost/video-editor/dotnet-sdk-stand-in:10.0",
        ["RUNTIME_IMAGE"] = "localhost/video-editor/aspnet-stand-in:10.0",
        ["PROMETHEUS_IMAGE"] = StackImages.StandIns[StackImage.Prometheus].ToString(),
        ["ALERTMANAGER_IMAGE"] = StackImages.StandIns[StackImage.Alertmanager].ToString(),
        ["GRAFANA_IMAGE"] = null,
    };

    private static readonly TimeSpan BuildTimeout = TimeSpan.FromMinutes(15);

    private readonly ManifestFixture _manifest = new();
    private readonly string _tag = $"test-{Guid.NewGuid():n}"[..13];

    /// <summary>The image built for each resource of the manifest that has a build entry.</summary>
    public Dictionary<string, string> Images { get; } = [];

    /// <summary>The resources not built, and why.</summary>
    public Dictionary<string, string> NotBuilt { get; } = [];

    public JsonElement Resources => _manifest.Resources;

    public string Cli => ContainerSuite.Engine!.Cli;

    public async Task InitializeAsync()
    {
        if (ContainerSuite.SkipReason is not null)
        {
            return;
        }

        await _manifest.InitializeAsync();
        var pullable = StackImages.Resolves("mcr.microsoft.com", ContainerEngine.DefaultTimeout);
        foreach (var resource in _manifest.Resources.EnumerateObject().Where(resource => resource.Value.TryGetProperty("build", out _)))
        {
            var build = resource.Value.GetProperty("build");
            var dockerfile = _manifest.Resolve(build.GetProperty("dockerfile").GetString()!);
            List<string> arguments = ["build", "-q", "--force-rm", "-f", dockerfile, "-t", $"localhost/video-editor/{resource.Name}:{_tag}"];
            if (build.TryGetProperty("args", out var args))
            {
                arguments.AddRange(args.EnumerateObject().SelectMany(arg => new[] { "--build-arg", $"{arg.Name}={arg.Value.GetString()}" }));
            }

            var bases = StandInBases.Where(standIn => File.ReadAllText(dockerfile).Contains($"ARG {standIn.Key}=", StringComparison.Ordinal)).ToList();
            if (!pullable && bases.FirstOrDefault(standIn => standIn.Value is null) is { Key: { } missing })
            {
                NotBuilt[resource.Name] = $"no registry answers and {missing} has no stand-in";
                continue;
            }

            if (!pullable)
            {
                arguments.AddRange(bases.SelectMany(standIn => new[] { "--build-arg", $"{standIn.Key}={standIn.Value}" }));
            }

            arguments.Add(_manifest.Resolve(build.GetProperty("context").GetString()!));
            var result = await ExternalCommand.RunAsync(Cli, arguments, timeout: BuildTimeout);
            Assert.True(result.ExitCode == 0, $"building {resource.Name}: {result}");
            Images[resource.Name] = $"localhost/video-editor/{resource.Name}:{_tag}";
        }
    }

    public async Task DisposeAsync()
    {
        if (Images.Count > 0)
        {
            await ExternalCommand.RunAsync(Cli, ["rmi", "-f", .. Images.Values]);
        }

        await _manifest.DisposeAsync();
    }

    /// <summary>Runs a command in a new container of <paramref name="image"/> (entrypoint replaced) and returns what it printed.</summary>
    public Task<ExternalCommand.Result> RunInImageAsync(string image, string entrypoint, params string[] arguments) =>
        RunInImageAsync(image, new Dictionary<string, string>(), entrypoint, arguments);

    /// <inheritdoc cref="RunInImageAsync(string, string, string[])"/>
    public async Task<ExternalCommand.Result> RunInImageAsync(string image, IReadOnlyDictionary<string, string> environment, string entrypoint, params string[] arguments) =>
        await ExternalCommand.RunAsync(
            Cli,
            ["run", "--rm", .. environment.SelectMany(variable => new[] { "-e", $"{variable.Key}={variable.Value}" }), "--entrypoint", entrypoint, image, .. arguments],
            timeout: TimeSpan.FromMinutes(1));

    public async Task<string> InspectAsync(string image, string format) =>
        (await ExternalCommand.RunAsync(Cli, ["image", "inspect", "--format", format, image])).Output.Trim();
}
