using VideoEditor.AppHost.Monitoring;
using VideoEditor.Tests.Support;

namespace VideoEditor.Tests.Monitoring;

/// <summary>The Alertmanager configuration rendered from <c>prometheus/alertmanager.yml</c>, checked with amtool.</summary>
public sealed class AlertmanagerConfigTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("alertmanager-config-").FullName;

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Rendered_config_passes_amtool_check_config(bool withSlack)
    {
        var config = Render(withSlack);

        var result = await ExternalCommand.RunAsync("amtool", ["check-config", config]);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("SUCCESS", result.Output);
    }

    [Theory]
    [InlineData(true, "critical", "slack-and-email")]
    [InlineData(true, "warning", "slack")]
    [InlineData(false, "critical", "email")]
    [InlineData(false, "warning", "email")]
    [InlineData(true, "info", "slack")]
    public async Task Alerts_are_routed_by_severity(bool withSlack, string severity, string receiver)
    {
        var config = Render(withSlack);

        var result = await ExternalCommand.RunAsync("amtool",
            ["config", "routes", "test", $"--config.file={config}", "--verify.receivers=" + receiver, $"severity={severity}", "alertname=ThreadPoolStarved", "service=api"]);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(receiver, result.Output.Trim());
    }

    [Theory]
    [InlineData("", "none")]
    [InlineData("https://hc-ping.invalid/0000", "heartbeat")]
    public async Task The_watchdog_goes_to_the_heartbeat_url_when_one_is_set_and_amtool_accepts_either(string heartbeatUrl, string receiver)
    {
        var config = Path.Combine(_directory, $"heartbeat-{receiver}.yml");
        AlertmanagerConfig.Write(new MonitoringFiles(Repository.Root), config, new AlertRouting("127.0.0.1:2525", "oncall@example.org", null, HeartbeatUrl: heartbeatUrl));

        var check = await ExternalCommand.RunAsync("amtool", ["check-config", config]);
        var route = await ExternalCommand.RunAsync("amtool",
            ["config", "routes", "test", $"--config.file={config}", "--verify.receivers=" + receiver, "alertname=Watchdog", "severity=none"]);

        Assert.True(check.ExitCode == 0, check.ToString());
        Assert.True(route.ExitCode == 0, route.ToString());
        Assert.Equal(receiver, route.Output.Trim());
    }

    /// <summary>Which alert inhibits which is asked of a running Alertmanager (AlertInhibitionTests).</summary>
    [Fact]
    public void Slack_and_email_send_resolved_alerts_too()
    {
        var config = File.ReadAllText(Render(withSlack: true));

        Assert.Equal(2, CountOf(config, "send_resolved: true"));
    }

    [Fact]
    public void The_slack_webhook_stays_out_of_the_config_in_a_file_only_its_owner_reads()
    {
        const string webhook = "https://hooks.slack.invalid/services/T000/B000/secret";
        var config = Path.Combine(_directory, "alertmanager.yml");

        var webhookFile = AlertmanagerConfig.Write(new MonitoringFiles(Repository.Root), config, new AlertRouting("127.0.0.1:2525", "ops@example.org", webhook));

        Assert.DoesNotContain(webhook, File.ReadAllText(config));
        Assert.Equal(webhook, File.ReadAllText(webhookFile));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(webhookFile));
        Assert.Contains($"slack_api_url_file: '{webhookFile}'", File.ReadAllText(config));
    }

    [Fact]
    public void The_smtp_password_stays_out_of_the_config_in_a_file_only_its_owner_reads()
    {
        var config = Path.Combine(_directory, "alertmanager.yml");

        AlertmanagerConfig.Write(new MonitoringFiles(Repository.Root), config, new AlertRouting("smtp.example.org:587", "ops@example.org", null, SmtpUsername: "alerts", SmtpPassword: "s3cret-smtp"));

        var passwordFile = Path.Combine(_directory, AlertmanagerConfig.SmtpPasswordFileName);
        Assert.DoesNotContain("s3cret-smtp", File.ReadAllText(config));
        Assert.Equal("s3cret-smtp", File.ReadAllText(passwordFile));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(passwordFile));
        Assert.Contains($"smtp_auth_password_file: '{passwordFile}'", File.ReadAllText(config));
    }

    [Fact]
    public async Task Quotes_in_values_do_not_break_the_yaml()
    {
        var config = Path.Combine(_directory, "quoted.yml");
        AlertmanagerConfig.Write(new MonitoringFiles(Repository.Root), config,
            new AlertRouting("smtp.example.org:587", "o'neil@example.org", null, SmtpPassword: "pa'ss"));

        var result = await ExternalCommand.RunAsync("amtool", ["check-config", config]);

        Assert.True(result.ExitCode == 0, result.ToString());
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string Render(bool withSlack)
    {
        var config = Path.Combine(_directory, withSlack ? "with-slack.yml" : "without-slack.yml");
        AlertmanagerConfig.Write(new MonitoringFiles(Repository.Root), config,
            new AlertRouting("127.0.0.1:2525", "oncall@example.org", withSlack ? "https://hooks.slack.invalid/services/T/B/X" : null));
        return config;
    }

    private static int CountOf(string text, string part) => (text.Length - text.Replace(part, "").Length) / part.Length;
}
