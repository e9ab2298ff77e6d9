using VideoEditor.AppHost.Monitoring;

namespace VideoEditor.Tests.Monitoring;

public sealed class ConfigTemplateTests
{
    [Fact]
    public void Fills_every_placeholder()
    {
        var rendered = ConfigTemplate.Render("a: ${HOST}:${PORT}", new Dictionary<string, string> { ["HOST"] = "h", ["PORT"] = "1" });

        Assert.Equal("a: h:1", rendered);
    }

    [Fact]
    public void Leaves_prometheus_and_go_template_syntax_alone()
    {
        const string template = "replacement: ${1}\nsummary: '{{ $labels.job }}'";

        Assert.Equal(template, ConfigTemplate.Render(template, new Dictionary<string, string>()));
    }

    [Fact]
    public void Refuses_a_placeholder_without_a_value()
    {
        var error = Assert.Throws<InvalidOperationException>(() => ConfigTemplate.Render("a: ${MISSING}", new Dictionary<string, string>()));

        Assert.Contains("${MISSING}", error.Message);
    }
}

/// <summary>The container renderer (prometheus/render-config.sh) and the AppHost's render the templates alike.</summary>
public sealed class ContainerRenderTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("render-").FullName;
    private readonly MonitoringFiles _files = new(Support.Repository.Root);

    [Fact]
    public async Task Prometheus_config_renders_alike()
    {
        var local = Path.Combine(_directory, "local.yml");
        PrometheusConfig.Write(_files, local, TimeSpan.FromSeconds(15), ["/etc/prometheus/rules/*.yml"], "alertmanager:9093",
            [("api", "api:8081"), ("worker", "worker:8080"), ("prometheus", "localhost:9090")]);

        var container = await RenderInContainerStyleAsync("prometheus.yml", new()
        {
            ["SCRAPE_INTERVAL"] = "15s",
            ["RULE_FILES"] = "['/etc/prometheus/rules/*.yml']",
            ["ALERTMANAGER_TARGET"] = "alertmanager:9093",
            ["API_TARGET"] = "api:8081",
            ["WORKER_TARGET"] = "worker:8080",
            ["PROMETHEUS_TARGET"] = "localhost:9090",
        });

        Assert.Equal(File.ReadAllText(local), container);
    }

    [Theory]
    [InlineData("https://hooks.slack.invalid/services/T/B/X")]
    [InlineData("")]
    public async Task Alertmanager_config_renders_alike_with_and_without_slack(string webhook)
    {
        var local = Path.Combine(_directory, "alertmanager.yml");
        var routing = new AlertRouting("smtp.example.org:587", "o'neil@example.org", webhook, SmtpUsername: "user", SmtpPassword: "p'a&ss\\1",
            SmtpRequireTls: true, GroupWait: TimeSpan.FromSeconds(30));
        var webhookFile = AlertmanagerConfig.Write(_files, local, routing);

        var container = await RenderInContainerStyleAsync("alertmanager.yml", new()
        {
            ["SMTP_SMARTHOST"] = "smtp.example.org:587",
            ["SMTP_FROM"] = routing.SmtpFrom,
            ["SMTP_USERNAME"] = "user",
            ["SMTP_PASSWORD"] = "p'a&ss\\1",
            ["SMTP_PASSWORD_FILE"] = Path.Combine(_directory, AlertmanagerConfig.SmtpPasswordFileName),
            ["SMTP_REQUIRE_TLS"] = "true",
            ["SLACK_CHANNEL"] = routing.SlackChannel,
            ["ALERT_EMAIL_TO"] = "o'neil@example.org",
            ["GROUP_WAIT"] = "30s",
            ["SLACK_WEBHOOK_URL"] = webhook,
            ["SLACK_WEBHOOK_FILE"] = webhookFile,
        });

        Assert.Equal(File.ReadAllText(local), container);
        Assert.Equal(webhook, File.ReadAllText(webhookFile));
        Assert.Equal("p'a&ss\\1", File.ReadAllText(Path.Combine(_directory, AlertmanagerConfig.SmtpPasswordFileName)));
    }

    /// <summary>Every combination of the optional parameters a deployment may leave empty: Slack, SMTP, heartbeat.</summary>
    public static TheoryData<string, string, string> OptionalParameterSets()
    {
        var sets = new TheoryData<string, string, string>();
        foreach (var webhook in new[] { "", "https://hooks.slack.invalid/services/T/B/X" })
        {
            foreach (var smarthost in new[] { "", "smtp.example.org:587" })
            {
                foreach (var heartbeat in new[] { "", "https://hc-ping.invalid/0000" })
                {
                    sets.Add(webhook, smarthost, heartbeat);
                }
            }
        }

        return sets;
    }

    /// <summary>What a deployment renders when the user leaves the optional parameters empty, or sets some of them.</summary>
    [Theory]
    [MemberData(nameof(OptionalParameterSets))]
    public async Task A_deployment_config_routes_to_what_is_set_and_amtool_accepts_it(string webhook, string smarthost, string heartbeat)
    {
        await RenderInContainerStyleAsync("alertmanager.yml", new()
        {
            ["SMTP_SMARTHOST"] = smarthost,
            ["SMTP_FROM"] = "alertmanager@video-editor",
            ["SMTP_USERNAME"] = "",
            ["SMTP_PASSWORD"] = "",
            ["SMTP_REQUIRE_TLS"] = "true",
            ["SLACK_CHANNEL"] = "#video-editor-alerts",
            ["ALERT_EMAIL_TO"] = "oncall@example.org",
            ["GROUP_WAIT"] = "30s",
            ["SLACK_WEBHOOK_URL"] = webhook,
            ["HEARTBEAT_URL"] = heartbeat,
        });
        var (slack, email) = (webhook.Length > 0, smarthost.Length > 0);

        var rendered = Path.Combine(_directory, "container-alertmanager.yml");
        var check = await Support.ExternalCommand.RunAsync("amtool", ["check-config", rendered]);
        Assert.True(check.ExitCode == 0, check.ToString());
        Assert.Equal(slack && email ? "slack-and-email" : slack ? "slack" : email ? "email" : "none", await ReceiverAsync(rendered, "alertname=ApiErrorRatioHigh", "severity=critical"));
        Assert.Equal(slack ? "slack" : email ? "email" : "none", await ReceiverAsync(rendered, "alertname=ThumbnailLatencyHigh", "severity=warning"));
        Assert.Equal(heartbeat.Length > 0 ? "heartbeat" : "none", await ReceiverAsync(rendered, "alertname=Watchdog", "severity=none"));
    }

    private static async Task<string> ReceiverAsync(string config, params string[] labels)
    {
        var route = await Support.ExternalCommand.RunAsync("amtool", ["config", "routes", "test", $"--config.file={config}", .. labels]);
        Assert.True(route.ExitCode == 0, route.ToString());
        return route.Output.Trim();
    }

    [Fact]
    public async Task A_placeholder_without_a_value_stops_the_container()
    {
        var output = Path.Combine(_directory, "partial.yml");

        var result = await Support.ExternalCommand.RunAsync("sh",
            [Path.Combine(_files.PrometheusDirectory, "render-config.sh"), _files.PrometheusConfigTemplate, output, "--", "true"],
            new Dictionary<string, string?> { ["SCRAPE_INTERVAL"] = "15s" });

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("has no value", result.Error);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private async Task<string> RenderInContainerStyleAsync(string template, Dictionary<string, string?> environment)
    {
        var output = Path.Combine(_directory, $"container-{template}");
        var result = await Support.ExternalCommand.RunAsync("sh",
            [Path.Combine(_files.PrometheusDirectory, "render-config.sh"), Path.Combine(_files.PrometheusDirectory, template), output, "--", "true"],
            environment);
        Assert.True(result.ExitCode == 0, result.ToString());
        return File.ReadAllText(output);
    }
}
