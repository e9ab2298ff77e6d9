using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using VideoEditor.AppHost.Stack;

namespace VideoEditor.Tests.Containers;

/// <summary>The app model of container mode, built (choosing the images as a start would) and never started.</summary>
public sealed class ContainerModelFixture : IAsyncLifetime
{
    public string DataDirectory => _dataDirectory;

    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "video-editor-tests", Guid.NewGuid().ToString("n"));

    public DistributedApplication App { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        if (ContainerSuite.SkipReason is not null)
        {
            return;
        }

        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.VideoEditor_AppHost>(
            ["Stack:Mode=containers", $"Stack:DataDirectory={_dataDirectory}"]);
        App = await builder.BuildAsync();
    }

    public async Task DisposeAsync()
    {
        if (App is not null)
        {
            await App.DisposeAsync();
        }

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

    [ContainerFact]
    public void Has_every_resource_of_the_stack_and_grafana_where_its_image_can_be_had()
    {
        var names = _model.Resources.Select(resource => resource.Name).ToHashSet();

        Assert.Superset(new HashSet<string> { "api", "worker", "cache", "prometheus", "alertmanager", "mail" }, names);
        Assert.Equal(ContainerSuite.GrafanaSkipReason is null, names.Contains("grafana"));
    }

    [ContainerTheory]
    [InlineData("cache", StackImage.Redis)]
    [InlineData("prometheus", StackImage.Prometheus)]
    [InlineData("alertmanager", StackImage.Alertmanager)]
    [InlineData("mail", StackImage.MailCatcher)]
    public void Infrastructure_runs_as_a_container_of_the_image_chosen_for_this_machine(string name, StackImage image)
    {
        var resource = Assert.IsType<ContainerResource>(Resource(name), exactMatch: false);

        var annotation = Assert.Single(resource.Annotations.OfType<ContainerImageAnnotation>());
        var chosen = ContainerSuite.Images!.Images[image];
        Assert.Equal((chosen.Registry, chosen.Repository, chosen.Tag), (annotation.Registry, annotation.Image, annotation.Tag));
        Assert.NotEqual("latest", annotation.Tag);
    }

    [ContainerFact]
    public async Task Redis_is_the_aspire_integration_with_persistence_in_the_run_folder()
    {
        var cache = Assert.IsType<RedisResource>(Resource("cache"));

        var mount = Assert.Single(cache.Annotations.OfType<ContainerMountAnnotation>());
        Assert.Equal(ContainerMountType.BindMount, mount.Type);
        Assert.Equal(Path.Combine(fixture.DataDirectory, "cache"), mount.Source);
        Assert.Equal("/data", mount.Target);
        var configuration = await PublishConfigurationAsync(cache);
        // The integration starts redis-server through a shell: the flags are inside one argument.
        Assert.Contains("--save ", string.Join(' ', configuration.Arguments.Select(argument => argument.Value)));
    }

    [ContainerTheory]
    [InlineData("api")]
    [InlineData("worker")]
    public async Task Service_references_and_waits_for_the_cache(string name)
    {
        var service = Assert.IsType<ProjectResource>(Resource(name));

        Assert.Contains(service.Annotations.OfType<WaitAnnotation>(), wait => wait.Resource.Name == "cache");
        var configuration = await PublishConfigurationAsync(service);
        Assert.Equal("{cache.connectionString}", configuration.EnvironmentVariables.Single(variable => variable.Key == "ConnectionStrings__cache").Value);
    }

    [ContainerFact]
    public void No_resource_binds_a_fixed_host_port()
    {
        var fixedPorts = _model.Resources
            .SelectMany(resource => resource.Annotations.OfType<EndpointAnnotation>().Select(endpoint => (resource.Name, endpoint)))
            .Where(pair => pair.endpoint.Port is not null)
            .Select(pair => $"{pair.Name}:{pair.endpoint.Name}={pair.endpoint.Port}")
            .ToList();

        Assert.Empty(fixedPorts);
    }

    [ContainerTheory]
    [InlineData("prometheus")]
    [InlineData("alertmanager")]
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
