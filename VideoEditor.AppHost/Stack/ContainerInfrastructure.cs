using Microsoft.Extensions.Logging;
using VideoEditor.AppHost.Monitoring;
using VideoEditor.AppHost.Redis;

namespace VideoEditor.AppHost.Stack;

/// <summary>
/// The infrastructure as containers on a local engine, from the images <see cref="StackImages.Choose"/> found. The api
/// and the worker run on the host; the containers reach them, and each other, through the addresses Aspire allocates
/// on its container network.
/// </summary>
public sealed class ContainerInfrastructure : StackInfrastructure
{
    /// <summary>The user of the official Prometheus and Alertmanager images (and their stand-ins): nobody.</summary>
    private const int ImageUser = 65534;
    private const string GeneratedConfigDirectory = "/etc/video-editor";

    private readonly ContainerEngine _engine;
    private readonly ImageChoice _images;

    /// <summary>
    /// The <c>--add-host</c> each container gets on an engine on this Linux kernel, or null. Docker Engine on Linux names
    /// the host for a container only when asked; Podman names its network's gateway, where nothing of the host's
    /// listens (<see cref="ContainerEngine.HostAddress"/>).
    /// </summary>
    private readonly string? _hostEntry;

    public ContainerInfrastructure(IDistributedApplicationBuilder builder, StackSettings settings, MonitoringFiles files, ContainerEngine engine, ImageChoice images)
        : base(builder, settings, files)
    {
        (_engine, _images) = (engine, images);
        _hostEntry = engine.ReachesHostLoopback ? null : $"--add-host={engine.HostName}:{ContainerEngine.HostAddress()?.ToString() ?? "host-gateway"}";
        var configuration = builder.Configuration;
        configuration["DcpPublisher:ContainerRuntime"] = engine.Runtime;
        // Aspire's container tunnel builds its own image from a base it must pull, with BuildKit: on a machine that
        // can't (no registry, Docker Engine without buildx) no container would start. Containers reach host services
        // through the engine's host name instead (AddPrometheus). ASPIRE_ENABLE_CONTAINER_TUNNEL=true brings it back.
        configuration["ASPIRE_ENABLE_CONTAINER_TUNNEL"] ??= "false";
        configuration["AppHost:ContainerHostname"] ??= engine.HostName;

        LogAtStart(builder, logger =>
        {
            foreach (var note in images.Notes)
            {
                logger.LogInformation("Image of {Note}", note);
            }
        });
    }

    public override StackMode Mode => StackMode.Containers;

    private IResourceBuilder<ContainerResource> AddContainer(string name, StackImage image)
    {
        var container = Builder.AddContainer(name, _images.Images[image].Repository).WithImage(_images.Images[image]);
        return _hostEntry is null ? container : container.WithContainerRuntimeArgs(_hostEntry);
    }

    /// <summary>No mount: the cache keeps nothing on disk.</summary>
    public override IResourceBuilder<IResourceWithConnectionString> AddCache(string name) =>
        Builder.AddRedis(name)
            .WithImage(_images.Images[StackImage.Redis])
            .WithServerArguments(RedisRoles.Cache(Settings.CacheMaxMemory));

    /// <summary>Persistence (the append-only file, and snapshots every 10 s) in the run's folder, like the media its jobs name.</summary>
    public override IResourceBuilder<IResourceWithConnectionString> AddQueue(string name) =>
        Builder.AddRedis(name)
            .WithImage(_images.Images[StackImage.Redis])
            .WithDataBindMount(Settings.DataFolder(name))
            .WithPersistence(TimeSpan.FromSeconds(10))
            .WithServerArguments(RedisRoles.Queue);

    public override IResourceBuilder<IResourceWithEndpoints>? AddMailCatcher(string name) =>
        WithUi(
            AddContainer(name, StackImage.MailCatcher)
                .WithHttpEndpoint(targetPort: 80, name: HttpEndpoint)
                .WithEndpoint(targetPort: 25, name: SmtpEndpoint, scheme: "tcp"),
            "Mail (smtp4dev)")
            .WithHttpHealthCheck("/");

    public override IResourceBuilder<IResourceWithEndpoints> AddAlertmanager(
        string name, IResourceBuilder<IResourceWithEndpoints>? mail, AlertingParameters alerting)
    {
        var state = Settings.StateVolume(name);
        LogAtStart(Builder, logger => logger.LogInformation("Alertmanager keeps its silences and notification log on the volume {Volume}", state));
        var webhookFile = $"{GeneratedConfigDirectory}/{AlertmanagerConfig.SlackWebhookFileName}";
        var passwordFile = $"{GeneratedConfigDirectory}/{AlertmanagerConfig.SmtpPasswordFileName}";
        var alertmanager = AddContainer(name, StackImage.Alertmanager)
            .WithHttpEndpoint(targetPort: AlertmanagerImagePort, name: HttpEndpoint)
            // The image's data folder on a volume of the state folder's: silences and the notification log (what was sent,
            // so that nothing is sent twice) outlive the container and the run.
            .WithVolume(state, "/alertmanager")
            .WithArgs($"--config.file={GeneratedConfigDirectory}/alertmanager.yml", "--storage.path=/alertmanager", "--cluster.listen-address=")
            // Copied into the container at its creation, owned by the image's user: a bind-mounted secret would keep the
            // host's owner, and a file only its owner reads is closed to the container's user.
            .WithContainerFiles(GeneratedConfigDirectory, async (context, cancellationToken) =>
            {
                var smtp = await mail!.GetEndpoint(SmtpEndpoint).Property(EndpointProperty.HostAndPort)
                    .GetValueAsync(new ValueProviderContext { Caller = context.Model }, cancellationToken);
                var routing = await alerting.ResolveAsync(smtp!, cancellationToken);
                return
                [
                    new ContainerFile { Name = "alertmanager.yml", Contents = AlertmanagerConfig.Render(Files, routing, webhookFile, passwordFile), Mode = ReadOnly },
                    new ContainerFile { Name = AlertmanagerConfig.SlackWebhookFileName, Contents = routing.SlackWebhookUrl ?? "", Mode = UnixFileMode.UserRead },
                    new ContainerFile { Name = AlertmanagerConfig.SmtpPasswordFileName, Contents = routing.SmtpPassword, Mode = UnixFileMode.UserRead },
                ];
            }, defaultOwner: ImageUser, defaultGroup: ImageUser)
            .WithHttpHealthCheck("/-/ready");
        return WithUi(WithExternalUrl(alertmanager), "Alertmanager");
    }

    public override IResourceBuilder<IResourceWithEndpoints> AddPrometheus(
        string name, IResourceBuilder<IResourceWithEndpoints> alertmanager, IResourceBuilder<ParameterResource> runbooks,
        params IResourceBuilder<IResourceWithEndpoints>[] targets)
    {
        const string rulesDirectory = "/etc/prometheus/rules";
        var prometheus = AddContainer(name, StackImage.Prometheus)
            .WithHttpEndpoint(targetPort: PrometheusImagePort, name: HttpEndpoint)
            .WithBindMount(Files.RulesDirectory, rulesDirectory, isReadOnly: true);
        List<string> ruleFiles = [$"{rulesDirectory}/*.yml"];
        foreach (var (extra, index) in Settings.ExtraRuleFiles.Select((extra, index) => (extra, index)))
        {
            // Each extra file's folder is mounted, so that a glob in its name still matches.
            var folder = $"/etc/prometheus/extra-rules/{index}";
            prometheus.WithBindMount(Path.GetDirectoryName(extra)!, folder, isReadOnly: true);
            ruleFiles.Add($"{folder}/{Path.GetFileName(extra)}");
        }

        prometheus
            .WithArgs($"--config.file={GeneratedConfigDirectory}/prometheus.yml", "--storage.tsdb.path=/prometheus", "--web.enable-lifecycle", "--enable-feature=exemplar-storage")
            .WithContainerFiles(GeneratedConfigDirectory, async (context, cancellationToken) =>
            {
                // Each address as this container sees it: another container by its name on Aspire's network, a service
                // on the host through the host's name and the port Aspire's proxy listens on.
                var caller = new ValueProviderContext { Caller = context.Model };
                var alertmanagerAddress = await alertmanager.GetEndpoint(HttpEndpoint).Property(EndpointProperty.HostAndPort).GetValueAsync(caller, cancellationToken);
                var scrapes = new List<(string, string)> { (name, $"localhost:{PrometheusImagePort}") };
                foreach (var target in targets)
                {
                    scrapes.Add((target.Resource.Name, (await target.GetEndpoint(HttpEndpoint).Property(EndpointProperty.HostAndPort).GetValueAsync(caller, cancellationToken))!));
                }

                var runbookUrl = await runbooks.Resource.GetValueAsync(cancellationToken);
                var config = PrometheusConfig.Render(Files, Settings.ScrapeInterval, ruleFiles, runbookUrl!, alertmanagerAddress!, scrapes);
                return [new ContainerFile { Name = "prometheus.yml", Contents = config, Mode = ReadOnly }];
            }, defaultOwner: ImageUser, defaultGroup: ImageUser)
            .WithHttpHealthCheck("/-/ready");

        if (!_engine.ReachesHostLoopback)
        {
            // A container reaches the host at its bridge address, not at 127.0.0.1, where Aspire's proxies listen by default.
            foreach (var target in targets)
            {
                target.WithEndpoint(HttpEndpoint, endpoint => endpoint.TargetHost = "0.0.0.0");
            }

            LogAtStart(Builder, logger => logger.LogInformation(
                "{Targets} listen on every interface, for Prometheus to scrape them from its container",
                string.Join(" and ", targets.Select(target => target.Resource.Name))));
        }

        return WithUi(WithExternalUrl(prometheus), "Prometheus");
    }

    public override IResourceBuilder<IResourceWithEndpoints>? AddGrafana(string name, IResourceBuilder<IResourceWithEndpoints> prometheus)
    {
        if (_images.Unavailable.TryGetValue(StackImage.Grafana, out var reason))
        {
            LogAtStart(Builder, logger => logger.LogWarning("Grafana is left out: {Reason}", reason));
            return null;
        }

        const string dashboardsDirectory = "/var/lib/grafana/dashboards";
        var grafana = AddContainer(name, StackImage.Grafana)
            .WithHttpEndpoint(targetPort: 3000, name: HttpEndpoint)
            .WithBindMount(Files.GrafanaProvisioningDirectory, "/etc/grafana/provisioning", isReadOnly: true)
            .WithBindMount(Files.GrafanaDashboardsDirectory, dashboardsDirectory, isReadOnly: true)
            .WithEnvironment("GRAFANA_DASHBOARDS_DIR", dashboardsDirectory)
            .WithEnvironment("PROMETHEUS_URL", prometheus.GetEndpoint(HttpEndpoint))
            .WithGrafanaDevelopmentLogin()
            .WaitFor(prometheus)
            .WithHttpHealthCheck("/api/health");
        return WithUi(grafana, "Grafana");
    }

    private const UnixFileMode ReadOnly = UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
}

internal static class ContainerImageExtensions
{
    /// <summary>The image, with its registry (none for a local name: the engine then never pulls it).</summary>
    public static IResourceBuilder<T> WithImage<T>(this IResourceBuilder<T> container, ContainerImage image) where T : ContainerResource =>
        container.WithImage(image.Repository, image.Tag).WithImageRegistry(image.Registry);
}
