using System.Text.Json;
using System.Text.RegularExpressions;
using VideoEditor.Tests.Stack;
using VideoEditor.Tests.Support;

namespace VideoEditor.Tests.Monitoring;

/// <summary>The alert rules as the live Prometheus loaded them: documented, with a runbook and unit tests each.</summary>
[Trait("Category", "Stack")]
[Collection(LocalStackCollection.Name)]
public sealed class AlertRuleTests(LocalStackFixture stack) : IAsyncLifetime
{
    private List<JsonElement> _alerts = [];

    public async Task InitializeAsync()
    {
        var rules = JsonDocument.Parse(await stack.Http.GetStringAsync(new Uri(stack.Endpoint("prometheus"), "/api/v1/rules?type=alert"))).RootElement;
        _alerts = rules.GetProperty("data").GetProperty("groups").EnumerateArray()
            .Where(group => group.GetProperty("file").GetString()!.StartsWith(Repository.PathTo("prometheus", "rules"), StringComparison.Ordinal))
            .SelectMany(group => group.GetProperty("rules").EnumerateArray())
            .ToList();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>
    /// The design's alerts that still add something beside the SLOs (README, "Rules", says which went and why), the SLO
    /// alerts, the per-route write alert, the alerting path's alerts and the Watchdog.
    /// </summary>
    [Fact]
    public void The_alert_catalog_is_loaded()
    {
        var names = _alerts.Select(alert => alert.GetProperty("name").GetString()).ToHashSet();

        Assert.Superset(new HashSet<string?>
        {
            "ErrorBudgetBurningFast", "ErrorBudgetBurningSlowly", "ApiWriteRouteFailing", "MemoryHigh", "ScrapeTargetDown",
            "FFmpegFailureRateHigh", "JobBacklogStale", "ThumbnailCacheHitRatioCollapsed", "ThreadPoolStarved", "Watchdog",
            // The alerting path (prometheus/rules/pipeline.yml).
            "PrometheusRuleFailures", "PrometheusErrorSendingAlertsToAnyAlertmanager", "PrometheusDroppingAlerts",
            "PrometheusNotificationQueueRunningFull", "PrometheusNotConnectedToAlertmanagers", "PrometheusBadConfig",
            "AlertmanagerFailedReload", "AlertmanagerFailedToSendAlerts",
        }, names);
        Assert.DoesNotContain("ApiErrorRatioHigh", names);
        Assert.DoesNotContain("ThumbnailLatencyHigh", names);
        Assert.DoesNotContain("MetadataLatencyHigh", names);
    }

    [Fact]
    public void Every_alert_has_a_severity_summary_description_and_a_runbook_that_exists()
    {
        var runbooks = File.ReadAllText(Repository.PathTo("docs", "runbooks.md"));
        Assert.NotEmpty(_alerts);
        foreach (var alert in _alerts)
        {
            var name = alert.GetProperty("name").GetString()!;
            var annotations = alert.GetProperty("annotations");
            // The Watchdog is no alarm: it goes to the heartbeat receiver, never to people.
            Assert.Contains(alert.GetProperty("labels").GetProperty("severity").GetString(), name == "Watchdog" ? ["none"] : new[] { "warning", "critical" });
            Assert.False(string.IsNullOrWhiteSpace(annotations.GetProperty("summary").GetString()), name);
            Assert.False(string.IsNullOrWhiteSpace(annotations.GetProperty("description").GetString()), name);
            Assert.Equal(RunbookLink(name), annotations.GetProperty("runbook_url").GetString());
            Assert.Contains($"\n## {name}\n", runbooks);
        }
    }

    /// <summary>
    /// A notification's runbook link is absolute: the runbook-url parameter (here its default, this checkout's file)
    /// with the alert's section, expanded by Prometheus from its external label, which the alert itself does not carry.
    /// </summary>
    [Fact]
    public async Task A_firing_alerts_runbook_link_is_the_runbooks_address_with_its_section()
    {
        var alerts = JsonDocument.Parse(await stack.Http.GetStringAsync(new Uri(stack.Endpoint("prometheus"), "/api/v1/alerts"))).RootElement
            .GetProperty("data").GetProperty("alerts").EnumerateArray().ToList();

        var watchdog = Assert.Single(alerts, alert => alert.GetProperty("labels").GetProperty("alertname").GetString() == "Watchdog");
        Assert.Equal($"{new Uri(Repository.PathTo("docs", "runbooks.md")).AbsoluteUri}#watchdog", watchdog.GetProperty("annotations").GetProperty("runbook_url").GetString());
        var received = JsonDocument.Parse(await stack.Http.GetStringAsync(new Uri(stack.Endpoint("alertmanager"), "/api/v2/alerts?filter=alertname%3D%22Watchdog%22"))).RootElement;
        Assert.All(received.EnumerateArray(), alert => Assert.False(alert.GetProperty("labels").TryGetProperty("runbook_url", out _)));
        Assert.NotEmpty(received.EnumerateArray());
    }

    /// <summary>The rule's link as written: the runbooks' address (an external label; the file in the repository where there is none) and the alert's section.</summary>
    private static string RunbookLink(string alert) => $"{{{{ or $externalLabels.runbook_url \"docs/runbooks.md\" }}}}#{alert.ToLowerInvariant()}";

    [Fact]
    public void Every_alert_has_a_unit_test_that_fires_it_and_one_that_keeps_it_silent()
    {
        var tests = string.Join("\n", Directory.GetFiles(Repository.PathTo("prometheus", "tests"), "*.test.yml").Select(File.ReadAllText));
        foreach (var name in _alerts.Select(alert => alert.GetProperty("name").GetString()!).Distinct())
        {
            Assert.Matches(new Regex($@"alertname: {name}\s+exp_alerts:\s+- exp_labels:"), tests);
            if (name != "Watchdog")
            {
                // The Watchdog is never silent: that is its point.
                Assert.Matches(new Regex($@"alertname: {name}\s+exp_alerts: \[\]"), tests);
            }
        }
    }
}
