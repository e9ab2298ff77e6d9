namespace VideoEditor.AppHost.Monitoring;

/// <summary>Where the monitoring configuration lives in the repository (<c>prometheus/</c>, <c>grafana/</c>).</summary>
public sealed record MonitoringFiles(string RepositoryRoot)
{
    public string PrometheusDirectory => Path.Combine(RepositoryRoot, "prometheus");
    public string PrometheusConfigTemplate => Path.Combine(PrometheusDirectory, "prometheus.yml");
    public string AlertmanagerConfigTemplate => Path.Combine(PrometheusDirectory, "alertmanager.yml");
    public string RulesDirectory => Path.Combine(PrometheusDirectory, "rules");
    public string Runbooks => Path.Combine(RepositoryRoot, "docs", "runbooks.md");
    public string GrafanaProvisioningDirectory => Path.Combine(RepositoryRoot, "grafana", "provisioning");
    public string GrafanaDashboardsDirectory => Path.Combine(RepositoryRoot, "grafana", "dashboards");

    /// <summary>The repository is the folder above the AppHost project.</summary>
    public static MonitoringFiles ForAppHost(string appHostDirectory) =>
        new(Path.GetFullPath(Path.Combine(appHostDirectory, "..")));
}
