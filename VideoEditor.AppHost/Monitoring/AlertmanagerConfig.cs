namespace VideoEditor.AppHost.Monitoring;

/// <summary>
/// Where alerts go: the SMTP server and address for e-mail, the Slack webhook (optional), and the heartbeat URL the
/// Watchdog goes to (optional).
/// </summary>
public sealed record AlertRouting(
    string SmtpSmarthost,
    string EmailTo,
    string? SlackWebhookUrl,
    string HeartbeatUrl = "",
    string SmtpFrom = "alertmanager@video-editor.local",
    string SmtpUsername = "",
    string SmtpPassword = "",
    bool SmtpRequireTls = false,
    string SlackChannel = "#video-editor-alerts",
    TimeSpan? GroupWait = null)
{
    public bool HasSlack => !string.IsNullOrWhiteSpace(SlackWebhookUrl);

    /// <summary>The receiver of critical alerts: Slack and e-mail, or e-mail alone without a webhook.</summary>
    public string CriticalReceiver => HasSlack ? "slack-and-email" : "email";

    /// <summary>The receiver of warnings: Slack, or e-mail without a webhook.</summary>
    public string WarningReceiver => HasSlack ? "slack" : "email";

    /// <summary>The receiver of the Watchdog: the heartbeat URL, or none.</summary>
    public string HeartbeatReceiver => string.IsNullOrWhiteSpace(HeartbeatUrl) ? "none" : "heartbeat";
}

/// <summary>Renders <c>prometheus/alertmanager.yml</c> for one run.</summary>
public static class AlertmanagerConfig
{
    public const string SlackWebhookFileName = "slack-webhook-url";
    public const string SmtpPasswordFileName = "smtp-password";

    /// <summary>
    /// Writes the configuration and, beside it, the files of its secrets (the Slack webhook, the SMTP password;
    /// readable by their owner only). Returns the path of the webhook file.
    /// </summary>
    public static string Write(MonitoringFiles files, string outputPath, AlertRouting routing)
    {
        var folder = Directory.CreateDirectory(Path.GetDirectoryName(outputPath)!).FullName;
        var webhookFile = WriteSecret(Path.Combine(folder, SlackWebhookFileName), routing.SlackWebhookUrl ?? "");
        var passwordFile = WriteSecret(Path.Combine(folder, SmtpPasswordFileName), routing.SmtpPassword);
        File.WriteAllText(outputPath, Render(files, routing, webhookFile, passwordFile));
        return webhookFile;
    }

    private static string WriteSecret(string path, string value)
    {
        File.WriteAllText(path, value);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        return path;
    }

    /// <summary>The configuration, reading its secrets from <paramref name="webhookFile"/> and <paramref name="passwordFile"/> (as Alertmanager sees them).</summary>
    public static string Render(MonitoringFiles files, AlertRouting routing, string webhookFile, string passwordFile) =>
        ConfigTemplate.Render(File.ReadAllText(files.AlertmanagerConfigTemplate), new Dictionary<string, string>
        {
            ["SMTP_SMARTHOST"] = routing.SmtpSmarthost,
            ["SMTP_FROM"] = routing.SmtpFrom,
            ["SMTP_USERNAME"] = routing.SmtpUsername,
            ["SMTP_PASSWORD_FILE"] = passwordFile,
            ["SMTP_REQUIRE_TLS"] = routing.SmtpRequireTls ? "true" : "false",
            ["SLACK_WEBHOOK_FILE"] = webhookFile,
            ["SLACK_CHANNEL"] = routing.SlackChannel,
            ["ALERT_EMAIL_TO"] = routing.EmailTo,
            ["CRITICAL_RECEIVER"] = routing.CriticalReceiver,
            ["WARNING_RECEIVER"] = routing.WarningReceiver,
            ["HEARTBEAT_RECEIVER"] = routing.HeartbeatReceiver,
            // The heartbeat receiver needs a URL even when nothing is routed to it.
            ["HEARTBEAT_URL"] = string.IsNullOrWhiteSpace(routing.HeartbeatUrl) ? "http://no-heartbeat-receiver.invalid/" : routing.HeartbeatUrl,
            ["GROUP_WAIT"] = $"{(int)(routing.GroupWait ?? TimeSpan.FromSeconds(30)).TotalSeconds}s",
        });
}
