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

    public string StateDirectory => Path.Combine(_dataDirectory, "state");

    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "video-editor-tests", Guid.NewGuid().ToString("n"));

    public DistributedApplication App { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        if (ContainerSuite.SkipReason is not null)
        {
            return;
        }

        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.VideoEditor_AppHost>(
            ["Stack:Mode=containers", $"Stack:DataDirectory={_dataDirectory}", $"Stack:StateDirectory={StateDirectory}"]);
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

        Assert.Superset(new HashSet<string> { "api", "worker", "cache", "queue", "prometheus", "alertmanager", "mail" }, names);
        Assert.Equal(ContainerSuite.GrafanaSkipReason is null, names.Contains("grafana"));
    }

    [ContainerTheory]
    [InlineData("cache", StackImage.Redis)]
    [InlineData("queue", StackImage.Redis)]
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
    public async Task The_queue_redis_never_evicts_and_persists_in_its_run_folder()
    {
        var queue = Assert.IsType<RedisResource>(Resource("queue"));

        var mount = Assert.Single(queue.Annotations.OfType<ContainerMountAnnotation>());
        Assert.Equal(ContainerMountType.BindMount, mount.Type);
        Assert.Equal(Path.Combine(fixture.DataDirectory, "queue"), mount.Source);
        Assert.Equal("/data", mount.Target);
        // The integration starts redis-server through a shell: the flags are inside one argument.
        var command = await RedisCommandAsync(queue);
        Assert.Contains(" --save ", command);
        Assert.EndsWith(" --maxmemory-policy noeviction --appendonly yes", command);
    }

    [ContainerFact]
    public void Alertmanager_keeps_its_state_on_the_named_volume_of_the_state_folder()
    {
        var mount = Assert.Single(Resource("alertmanager").Annotations.OfType<ContainerMountAnnotation>());

        Assert.Equal((ContainerMountType.Volume, StackSettings.StateVolumeOf(fixture.StateDirectory, "alertmanager"), "/alertmanager"), (mount.Type, mount.Source, mount.Target));
    }

    [ContainerFact]
    public async Task The_cache_redis_is_bounded_evicts_the_least_recently_used_and_keeps_nothing()
    {
        var cache = Assert.IsType<RedisResource>(Resource("cache"));

        Assert.Empty(cache.Annotations.OfType<ContainerMountAnnotation>());
        var command = await RedisCommandAsync(cache);
        Assert.DoesNotContain(" --save 10", command);
        Assert.EndsWith(" --maxmemory 256mb --maxmemory-policy allkeys-lru --save '' --appendonly no", command);
    }

    [ContainerTheory]
    [InlineData("api", "cache queue")]
    [InlineData("worker", "queue")]
    public async Task Service_references_and_waits_for_the_redis_it_uses(string name, string redis)
    {
        var service = Assert.IsType<ProjectResource>(Resource(name));
        var configuration = await PublishConfigurationAsync(service);

        var used = redis.Split(' ');
        Assert.Equal(used, service.Annotations.OfType<WaitAnnotation>().Select(wait => wait.Resource).OfType<RedisResource>().Select(wait => wait.Name).Order());
        Assert.Equal(
            used.Select(resource => ($"ConnectionStrings__{resource}", $"{{{resource}.connectionString}}")),
            configuration.EnvironmentVariables.Where(variable => variable.Key.StartsWith("ConnectionStrings__", StringComparison.Ordinal))
                .Select(variable => (variable.Key, variable.Value)).Order());
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

    /// <summary>The shell command the Redis container runs (the integration's <c>/bin/sh -c "redis-server …"</c>).</summary>
    private async Task<string> RedisCommandAsync(RedisResource redis)
    {
        var arguments = (await PublishConfigurationAsync(redis)).Arguments.Select(argument => argument.Value).ToList();
        Assert.Equal("-c", arguments[^2]);
        return arguments[^1];
    }

    private IResource Resource(string name) => Assert.Single(_model.Resources, resource => resource.Name == name);
}
