namespace VideoEditor.AppHost.Monitoring;

/// <summary>Renders <c>prometheus/prometheus.yml</c> for one run.</summary>
public static class PrometheusConfig
{
    /// <param name="ruleFiles">Rule files or globs, as Prometheus will see them.</param>
    /// <param name="runbookUrl">The runbooks' address, which every alert's runbook link starts with.</param>
    /// <param name="targets">Each scrape job (a resource name, as in the template) and the address to scrape.</param>
    public static void Write(
        MonitoringFiles files,
        string outputPath,
        TimeSpan scrapeInterval,
        IEnumerable<string> ruleFiles,
        string runbookUrl,
        string alertmanagerAddress,
        IEnumerable<(string Job, string Address)> targets)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(outputPath)!);
        File.WriteAllText(outputPath, Render(files, scrapeInterval, ruleFiles, runbookUrl, alertmanagerAddress, targets));
    }

    /// <inheritdoc cref="Write"/>
    public static string Render(
        MonitoringFiles files,
        TimeSpan scrapeInterval,
        IEnumerable<string> ruleFiles,
        string runbookUrl,
        string alertmanagerAddress,
        IEnumerable<(string Job, string Address)> targets)
    {
        var values = new Dictionary<string, string>
        {
            ["SCRAPE_INTERVAL"] = $"{(int)scrapeInterval.TotalSeconds}s",
            ["RULE_FILES"] = $"[{string.Join(", ", ruleFiles.Select(file => $"'{file}'"))}]",
            ["RUNBOOK_URL"] = runbookUrl,
            ["ALERTMANAGER_TARGET"] = alertmanagerAddress,
        };
        foreach (var (job, address) in targets)
        {
            values[$"{job.ToUpperInvariant()}_TARGET"] = address;
        }

        return ConfigTemplate.Render(File.ReadAllText(files.PrometheusConfigTemplate), values);
    }
}
