using System.Globalization;
using VideoEditor.AppHost.Stack;

namespace VideoEditor.AppHost.Monitoring;

/// <summary>
/// The AppHost parameters that decide where alerts go (set them as <c>Parameters:{name}</c> in user secrets or
/// the environment). Without a Slack webhook every alert goes by e-mail; without an SMTP server, e-mail goes to
/// the development mail catcher.
/// </summary>
public sealed class AlertingParameters
{
    public const string GroupWaitKey = "Alerting:GroupWait";

    private AlertingParameters(IDistributedApplicationBuilder builder)
    {
        SlackWebhookUrl = builder.AddOptionalParameter("slack-webhook-url", "", secret: true);
        SmtpSmarthost = builder.AddOptionalParameter("smtp-smarthost", "", secret: false);
        SmtpUsername = builder.AddOptionalParameter("smtp-username", "", secret: false);
        SmtpPassword = builder.AddOptionalParameter("smtp-password", "", secret: true);
        EmailTo = builder.AddOptionalParameter("alert-email-to", "oncall@video-editor.local", secret: false);
        HeartbeatUrl = builder.AddOptionalParameter("heartbeat-url", "", secret: false);
        GroupWait = TimeSpan.TryParse(builder.Configuration[GroupWaitKey], CultureInfo.InvariantCulture, out var wait) ? wait : TimeSpan.FromSeconds(30);
    }

    public IResourceBuilder<ParameterResource> SlackWebhookUrl { get; }
    public IResourceBuilder<ParameterResource> SmtpSmarthost { get; }
    public IResourceBuilder<ParameterResource> SmtpUsername { get; }
    public IResourceBuilder<ParameterResource> SmtpPassword { get; }
    public IResourceBuilder<ParameterResource> EmailTo { get; }

    /// <summary>Where the Watchdog goes (a dead man's switch, e.g. a healthchecks.io ping URL); none by default.</summary>
    public IResourceBuilder<ParameterResource> HeartbeatUrl { get; }

    /// <summary>How long Alertmanager gathers alerts of a group before the first notice (30 s; tests use less).</summary>
    public TimeSpan GroupWait { get; }

    public static AlertingParameters Add(IDistributedApplicationBuilder builder) => new(builder);

    /// <summary>The routing of this run; <paramref name="mailCatcher"/> is the SMTP server when none is set.</summary>
    public async Task<AlertRouting> ResolveAsync(string mailCatcher, CancellationToken cancellationToken)
    {
        var smarthost = await SmtpSmarthost.Resource.GetValueAsync(cancellationToken);
        var username = await SmtpUsername.Resource.GetValueAsync(cancellationToken) ?? "";
        return new AlertRouting(
            string.IsNullOrWhiteSpace(smarthost) ? mailCatcher : smarthost,
            await EmailTo.Resource.GetValueAsync(cancellationToken) ?? "oncall@video-editor.local",
            await SlackWebhookUrl.Resource.GetValueAsync(cancellationToken),
            HeartbeatUrl: await HeartbeatUrl.Resource.GetValueAsync(cancellationToken) ?? "",
            SmtpUsername: username,
            SmtpPassword: await SmtpPassword.Resource.GetValueAsync(cancellationToken) ?? "",
            // A real relay wants TLS; the development mail catcher speaks plain SMTP.
            SmtpRequireTls: !string.IsNullOrWhiteSpace(smarthost),
            GroupWait: GroupWait);
    }
}
