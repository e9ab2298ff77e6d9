using VideoEditor.AppHost.Monitoring;
using VideoEditor.AppHost.Redis;

namespace VideoEditor.AppHost.Stack;

/// <summary>
/// The infrastructure as a deployment describes it (azd, Azure Container Apps): the cache's Redis in memory only,
/// the queue's with persistence on a volume, and Prometheus, Alertmanager and Grafana built from the Dockerfiles of
/// <c>prometheus/</c> and <c>grafana/</c> with their configuration baked in, rendered at start from the environment
/// given here (Alertmanager's state on a volume too). No bind mounts, no mail catcher; only Grafana (and the api) are
/// reachable from outside; Prometheus and Alertmanager link to their internal ingress URLs.
/// </summary>
public sealed class DeploymentInfrastructure(IDistributedApplicationBuilder builder, StackSettings settings, MonitoringFiles files)
    : StackInfrastructure(builder, settings, files)
{
    public override StackMode Mode => StackMode.Containers;

    public override IResourceBuilder<IResourceWithConnectionString> AddCache(string name) =>
        Builder.AddRedis(name)
            .WithServerArguments(RedisRoles.Cache(Settings.CacheMaxMemory));

    /// <summary>
    /// On the volume the one Redis of earlier deployments had: the jobs it holds stay queued across the split (its
    /// thumbnail entries expire there by themselves).
    /// </summary>
    public override IResourceBuilder<IResourceWithConnectionString> AddQueue(string name) =>
        Builder.AddRedis(name)
            .WithDataVolume("video-editor-redis")
            .WithPersistence(TimeSpan.FromSeconds(10))
            .WithServerArguments(RedisRoles.Queue);

    public override IResourceBuilder<IResourceWithEndpoints>? AddMailCatcher(string name) => null;

    /// <summary>
    /// Its state (silences, the notification log: what was sent, so that a new container sends nothing twice) on a volume,
    /// where the image keeps it; its rendered configuration and secrets elsewhere (alertmanager.Dockerfile).
    /// </summary>
    public override IResourceBuilder<IResourceWithEndpoints> AddAlertmanager(
        string name, IResourceBuilder<IResourceWithEndpoints>? mail, AlertingParameters alerting) =>
        WithExternalUrl(Builder.AddDockerfile(name, Files.PrometheusDirectory, Path.Combine(Files.PrometheusDirectory, "alertmanager.Dockerfile"))
            .WithHttpEndpoint(targetPort: AlertmanagerImagePort, name: HttpEndpoint)
            .WithVolume("video-editor-alertmanager", "/alertmanager")
            .WithEnvironment("SMTP_SMARTHOST", alerting.SmtpSmarthost)
            .WithEnvironment("SMTP_USERNAME", alerting.SmtpUsername)
            .WithEnvironment("SMTP_PASSWORD", alerting.SmtpPassword)
            .WithEnvironment("SLACK_WEBHOOK_URL", alerting.SlackWebhookUrl)
            .WithEnvironment("ALERT_EMAIL_TO", alerting.EmailTo)
            .WithEnvironment("HEARTBEAT_URL", alerting.HeartbeatUrl));

    public override IResourceBuilder<IResourceWithEndpoints> AddPrometheus(
        string name, IResourceBuilder<IResourceWithEndpoints> alertmanager, IResourceBuilder<ParameterResource> runbooks,
        params IResourceBuilder<IResourceWithEndpoints>[] targets)
    {
        var scrapeInterval = $"{(int)Settings.ScrapeInterval.TotalSeconds}s";
        var itself = $"localhost:{PrometheusImagePort}";
        var prometheus = Builder.AddDockerfile(name, Files.PrometheusDirectory, Path.Combine(Files.PrometheusDirectory, "prometheus.Dockerfile"))
            .WithHttpEndpoint(targetPort: PrometheusImagePort, name: HttpEndpoint)
            .WithVolume("prometheus-data", "/prometheus")
            .WithEnvironment("SCRAPE_INTERVAL", scrapeInterval)
            .WithEnvironment("RUNBOOK_URL", runbooks)
            .WithEnvironment("ALERTMANAGER_TARGET", HostAndPort(alertmanager.GetEndpoint(HttpEndpoint)))
            // Itself, inside its container.
            .WithEnvironment("PROMETHEUS_TARGET", itself);
        foreach (var target in targets)
        {
            // Scraped on the service's internal management port where it has one (the api's public port has no /metrics).
            var endpoint = target.Resource.Annotations.OfType<EndpointAnnotation>().Any(annotation => annotation.Name == DeploymentExtensions.ManagementEndpoint)
                ? target.GetEndpoint(DeploymentExtensions.ManagementEndpoint)
                : target.GetEndpoint(HttpEndpoint);
            prometheus.WithEnvironment($"{target.Resource.Name.ToUpperInvariant()}_TARGET", HostAndPort(endpoint));
        }

        return WithExternalUrl(prometheus);
    }

    public override IResourceBuilder<IResourceWithEndpoints> AddGrafana(string name, IResourceBuilder<IResourceWithEndpoints> prometheus)
    {
        var adminPassword = Builder.AddParameter("grafana-admin-password", secret: true);
        return Builder.AddDockerfile(name, Path.Combine(Files.RepositoryRoot, "grafana"), Path.Combine(Files.RepositoryRoot, "grafana", "Dockerfile"))
            .WithHttpEndpoint(targetPort: 3000, name: HttpEndpoint)
            .WithExternalHttpEndpoints()
            .WithVolume("grafana-data", "/var/lib/grafana")
            .WithEnvironment("PROMETHEUS_URL", prometheus.GetEndpoint(HttpEndpoint))
            .WithEnvironment("GF_SECURITY_ADMIN_PASSWORD", adminPassword);
    }

    private static ReferenceExpression HostAndPort(EndpointReference endpoint) =>
        ReferenceExpression.Create($"{endpoint.Property(EndpointProperty.Host)}:{endpoint.Property(EndpointProperty.Port)}");
}
