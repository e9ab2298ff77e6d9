namespace VideoEditor.AppHost.Monitoring;

/// <summary>Renders <c>prometheus/alertmanager.yml</c> for one run.</summary>
public static class AlertmanagerConfig
{
    /// <param name="smtpAddress">host:port of the SMTP server that receives alert e-mails.</param>
    public static void Write(MonitoringFiles files, string outputPath, string smtpAddress) =>
        ConfigTemplate.RenderFile(files.AlertmanagerConfigTemplate, outputPath, new Dictionary<string, string>
        {
            ["SMTP_SMARTHOST"] = smtpAddress,
        });
}
