using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace VideoEditor.Tests.Stack;

/// <summary>The app model of container mode, built once and never started (this machine has no container engine).</summary>
public sealed class ContainerModelFixture : IAsyncLifetime
{
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "video-editor-tests", Guid.NewGuid().ToString("n"));

    public DistributedApplication App { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.VideoEditor_AppHost>(
            ["Stack:Mode=containers", $"Stack:DataDirectory={_dataDirectory}"]);
        App = await builder.BuildAsync();
    }

    public async Task DisposeAsync()
    {
        await App.DisposeAsync();
        if (Directory.Exists(_dataDirectory))
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
    }
}

public sealed class ContainerModelTests(ContainerModelFixture fixture) : IClassFixture<ContainerModelFixture>
{
    private readonly DistributedApplication _app = fixture.App;
    private readonly DistributedApplicationModel _model = fixture.App.Services.GetRequiredService<DistributedApplicationModel>();

    [Fact]
    public void Has_every_resource_of_the_stack()
    {
        var names = _model.Resources.Select(resource => resource.Name).ToHashSet();

        Assert.Superset(new HashSet<string> { "api", "worker", "cache", "prometheus", "alertmanager", "grafana", "mail" }, names);
    }

    [Theory]
    [InlineData("cache")]
    [InlineData("prometheus")]
    [InlineData("alertmanager")]
    [InlineData("grafana")]
    [InlineData("mail")]
    public void Infrastructure_runs_as_a_container_with_a_pinned_tag(string name)
    {
        var resource = Assert.IsType<ContainerResource>(Resource(name), exactMatch: false);

        var image = Assert.Single(resource.Annotations.OfType<ContainerImageAnnotation>());
        Assert.False(string.IsNullOrEmpty(image.Tag));
        Assert.NotEqual("latest", image.Tag);
        Assert.Matches(@"^v?\d+\.\d+", image.Tag);
    }

    [Fact]
    public async Task Redis_is_the_aspire_integration_with_persistence_on_a_volume()
    {
        var cache = Assert.IsType<RedisResource>(Resource("cache"));

        var mount = Assert.Single(cache.Annotations.OfType<ContainerMountAnnotation>());
        Assert.Equal(ContainerMountType.Volume, mount.Type);
        Assert.Equal("/data", mount.Target);
        var configuration = await PublishConfigurationAsync(cache);
        // The integration starts redis-server through a shell: the flags are inside one argument.
        Assert.Contains("--save ", string.Join(' ', configuration.Arguments.Select(argument => argument.Value)));
    }

    [Theory]
    [InlineData("api")]
    [InlineData("worker")]
    public async Task Service_references_and_waits_for_the_cache(string name)
    {
        var service = Assert.IsType<ProjectResource>(Resource(name));

        Assert.Contains(service.Annotations.OfType<WaitAnnotation>(), wait => wait.Resource.Name == "cache");
        var configuration = await PublishConfigurationAsync(service);
        Assert.Equal("{cache.connectionString}", configuration.EnvironmentVariables.Single(variable => variable.Key == "ConnectionStrings__cache").Value);
    }

    [Fact]
    public void No_resource_binds_a_fixed_host_port()
    {
        var fixedPorts = _model.Resources
            .SelectMany(resource => resource.Annotations.OfType<EndpointAnnotation>().Select(endpoint => (resource.Name, endpoint)))
            .Where(pair => pair.endpoint.Port is not null)
            .Select(pair => $"{pair.Name}:{pair.endpoint.Name}={pair.endpoint.Port}")
            .ToList();

        Assert.Empty(fixedPorts);
    }

    [Theory]
    [InlineData("prometheus")]
    [InlineData("alertmanager")]
    [InlineData("grafana")]
    [InlineData("mail")]
    public void Dashboard_links_to_the_ui_of(string name)
    {
        var resource = Resource(name);

        Assert.Contains(resource.Annotations.OfType<ResourceUrlsCallbackAnnotation>(), _ => true);
    }

    /// <summary>Arguments and environment as the manifest would state them: references stay unresolved.</summary>
    private async Task<IExecutionConfigurationResult> PublishConfigurationAsync(IResource resource)
    {
        var context = new DistributedApplicationExecutionContext(
            new DistributedApplicationExecutionContextOptions(DistributedApplicationOperation.Publish) { Services = _app.Services });
        var result = await ExecutionConfigurationBuilder.Create(resource)
            .WithArgumentsConfig()
            .WithEnvironmentVariablesConfig()
            .BuildAsync(context, NullLogger.Instance, CancellationToken.None);
        Assert.Null(result.Exception);
        return result;
    }

    private IResource Resource(string name) => Assert.Single(_model.Resources, resource => resource.Name == name);
}
