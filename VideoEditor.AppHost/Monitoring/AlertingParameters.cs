using System.Globalization;

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
        SlackWebhookUrl = Optional(builder, "slack-webhook-url", "", secret: true);
        SmtpSmarthost = Optional(builder, "smtp-smarthost", "", secret: false);
        SmtpUsername = Optional(builder, "smtp-username", "", secret: false);
        SmtpPassword = Optional(builder, "smtp-password", "", secret: true);
        EmailTo = Optional(builder, "alert-email-to", "oncall@video-editor.local", secret: false);
        GroupWait = TimeSpan.TryParse(builder.Configuration[GroupWaitKey], CultureInfo.InvariantCulture, out var wait) ? wait : TimeSpan.FromSeconds(30);
    }

    public IResourceBuilder<ParameterResource> SlackWebhookUrl { get; }
    public IResourceBuilder<ParameterResource> SmtpSmarthost { get; }
    public IResourceBuilder<ParameterResource> SmtpUsername { get; }
    public IResourceBuilder<ParameterResource> SmtpPassword { get; }
    public IResourceBuilder<ParameterResource> EmailTo { get; }

    /// <summary>How long Alertmanager gathers alerts of a group before the first notice (30 s; tests use less).</summary>
    public TimeSpan GroupWait { get; }

    public static AlertingParameters Add(IDistributedApplicationBuilder builder) => new(builder);

    /// <summary>A parameter read from <c>Parameters:{name}</c>, with a fallback when it is not set.</summary>
    private static IResourceBuilder<ParameterResource> Optional(IDistributedApplicationBuilder builder, string name, string fallback, bool secret) =>
        builder.AddParameter(name, () => builder.Configuration[$"Parameters:{name}"] ?? fallback, publishValueAsDefault: false, secret: secret);

    /// <summary>The routing of this run; <paramref name="mailCatcher"/> is the SMTP server when none is set.</summary>
    public async Task<AlertRouting> ResolveAsync(string mailCatcher, CancellationToken cancellationToken)
    {
        var smarthost = await SmtpSmarthost.Resource.GetValueAsync(cancellationToken);
        var username = await SmtpUsername.Resource.GetValueAsync(cancellationToken) ?? "";
        return new AlertRouting(
            string.IsNullOrWhiteSpace(smarthost) ? mailCatcher : smarthost,
            await EmailTo.Resource.GetValueAsync(cancellationToken) ?? "oncall@video-editor.local",
            await SlackWebhookUrl.Resource.GetValueAsync(cancellationToken),
            SmtpUsername: username,
            SmtpPassword: await SmtpPassword.Resource.GetValueAsync(cancellationToken) ?? "",
            // A real relay wants TLS; the development mail catcher speaks plain SMTP.
            SmtpRequireTls: !string.IsNullOrWhiteSpace(smarthost),
            GroupWait: GroupWait);
    }
}
