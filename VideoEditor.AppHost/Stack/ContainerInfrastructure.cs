using VideoEditor.AppHost.Monitoring;

namespace VideoEditor.AppHost.Stack;

/// <summary>The infrastructure as containers with pinned image tags, for machines with a container engine.</summary>
public class ContainerInfrastructure(IDistributedApplicationBuilder builder, StackSettings settings, MonitoringFiles files)
    : StackInfrastructure(builder, settings, files)
{
    public static class Images
    {
        public const string Prometheus = "prom/prometheus";
        public const string PrometheusTag = "v3.5.0";
        public const string Alertmanager = "prom/alertmanager";
        public const string AlertmanagerTag = "v0.28.1";
        public const string Grafana = "grafana/grafana";
        public const string GrafanaTag = "12.1.1";
        public const string MailCatcher = "rnwood/smtp4dev";
        public const string MailCatcherTag = "3.15.0";
    }

    // Containers reach the api and worker, which run on the host, through the host gateway.
    private const string HostFromContainer = "host.docker.internal";
    private const string GeneratedConfigDirectory = "/etc/video-editor";

    public override StackMode Mode => StackMode.Containers;

    /// <summary>Redis with persistence (snapshots every 10 s) on a volume.</summary>
    public override IResourceBuilder<IResourceWithConnectionString> AddCache(string name) =>
        Builder.AddRedis(name)
            .WithDataVolume("video-editor-redis")
            .WithPersistence(TimeSpan.FromSeconds(10));

    public override IResourceBuilder<IResourceWithEndpoints>? AddMailCatcher(string name) =>
        WithUi(
            Builder.AddContainer(name, Images.MailCatcher, Images.MailCatcherTag)
                .WithHttpEndpoint(targetPort: 80, name: HttpEndpoint)
                .WithEndpoint(targetPort: 25, name: SmtpEndpoint, scheme: "tcp"),
            "Mail (smtp4dev)")
            .WithHttpHealthCheck("/");

    public override IResourceBuilder<IResourceWithEndpoints> AddAlertmanager(
        string name, IResourceBuilder<IResourceWithEndpoints>? mail, AlertingParameters alerting)
    {
        var configFolder = Settings.DataFolder(name);
        var alertmanager = Builder.AddContainer(name, Images.Alertmanager, Images.AlertmanagerTag)
            .WithHttpEndpoint(targetPort: 9093, name: HttpEndpoint)
            .WithBindMount(configFolder, GeneratedConfigDirectory, isReadOnly: true)
            .WithArgs($"--config.file={GeneratedConfigDirectory}/alertmanager.yml", "--storage.path=/alertmanager", "--cluster.listen-address=")
            .WithConfigWrittenBeforeStart(async cancellationToken => AlertmanagerConfig.Write(
                Files,
                Path.Combine(configFolder, "alertmanager.yml"),
                await alerting.ResolveAsync($"{mail!.Resource.Name}:25", cancellationToken),
                webhookFileInConfig: $"{GeneratedConfigDirectory}/{AlertmanagerConfig.SlackWebhookFileName}"))
            .WithHttpHealthCheck("/-/ready");
        return WithUi(alertmanager, "Alertmanager");
    }

    public override IResourceBuilder<IResourceWithEndpoints> AddPrometheus(
        string name, IResourceBuilder<IResourceWithEndpoints> alertmanager, params IResourceBuilder<IResourceWithEndpoints>[] targets)
    {
        const string rulesDirectory = "/etc/prometheus/rules";
        var configFolder = Settings.DataFolder(name);
        var prometheus = Builder.AddContainer(name, Images.Prometheus, Images.PrometheusTag)
            .WithHttpEndpoint(targetPort: 9090, name: HttpEndpoint)
            .WithBindMount(configFolder, GeneratedConfigDirectory, isReadOnly: true)
            .WithBindMount(Files.RulesDirectory, rulesDirectory, isReadOnly: true)
            .WithArgs($"--config.file={GeneratedConfigDirectory}/prometheus.yml", "--storage.tsdb.path=/prometheus", "--web.enable-lifecycle", "--enable-feature=exemplar-storage")
            .WithContainerRuntimeArgs($"--add-host={HostFromContainer}:host-gateway")
            .WithConfigWrittenBeforeStart(() => PrometheusConfig.Write(
                    Files,
                    Path.Combine(configFolder, "prometheus.yml"),
                    Settings.ScrapeInterval,
                    [$"{rulesDirectory}/*.yml"],
                    $"{alertmanager.Resource.Name}:9093",
                    targets.Select(target => (target.Resource.Name, $"{HostFromContainer}:{target.GetEndpoint(HttpEndpoint).Port}"))))
            .WithHttpHealthCheck("/-/ready");
        return WithUi(prometheus, "Prometheus");
    }

    public override IResourceBuilder<IResourceWithEndpoints> AddGrafana(string name, IResourceBuilder<IResourceWithEndpoints> prometheus)
    {
        const string dashboardsDirectory = "/var/lib/grafana/dashboards";
        var grafana = Builder.AddContainer(name, Images.Grafana, Images.GrafanaTag)
            .WithHttpEndpoint(targetPort: 3000, name: HttpEndpoint)
            .WithBindMount(Files.GrafanaProvisioningDirectory, "/etc/grafana/provisioning", isReadOnly: true)
            .WithBindMount(Files.GrafanaDashboardsDirectory, dashboardsDirectory, isReadOnly: true)
            .WithEnvironment("GRAFANA_DASHBOARDS_DIR", dashboardsDirectory)
            .WithEnvironment("PROMETHEUS_URL", $"http://{prometheus.Resource.Name}:9090")
            .WithGrafanaDevelopmentLogin()
            .WaitFor(prometheus)
            .WithHttpHealthCheck("/api/health");
        return WithUi(grafana, "Grafana");
    }
}
