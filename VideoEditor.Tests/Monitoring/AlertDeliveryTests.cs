using System.Text.Json;
using VideoEditor.Tests.Containers;
using VideoEditor.Tests.Stack;
using VideoEditor.Tests.Support;

namespace VideoEditor.Tests.Monitoring;

/// <summary>
/// One alert followed end to end on a running stack: a rule fires in Prometheus, Alertmanager routes the
/// critical alert to Slack (a local stand-in) and to e-mail (the smtp4dev mail catcher); the Watchdog reaches the
/// heartbeat receiver (the same stand-in, another path).
/// </summary>
public abstract class AlertDeliveryTests(StackFixture stack, SlackStandIn slack)
{
    private static readonly TimeSpan Delivery = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_firing_critical_alert_reaches_slack()
    {
        var messages = await Poll.UntilAsync(
            () => Task.FromResult(slack.Messages.ToList()),
            received => received.Any(IsTestAlert),
            Delivery);

        var message = Assert.Single(messages.Where(IsTestAlert).Take(1));
        var attachment = message.GetProperty("attachments")[0];
        Assert.StartsWith("[CRITICAL] 1 firing: ", attachment.GetProperty("title").GetString());
        AssertReadable(attachment.GetProperty("text").GetString()!);
        Assert.Equal("#video-editor-alerts", message.GetProperty("channel").GetString());
    }

    [Fact]
    public async Task A_firing_critical_alert_reaches_the_mail_catcher()
    {
        var subjects = await Poll.UntilAsync(
            MailSubjectsAsync,
            received => received.Any(message => message.Subject.Contains(TestAlert.Name, StringComparison.Ordinal)),
            Delivery);

        var (id, subject) = subjects.First(message => message.Subject.Contains(TestAlert.Name, StringComparison.Ordinal));
        Assert.StartsWith("[CRITICAL] 1 firing: ", subject);
        AssertReadable(await stack.Http.GetStringAsync(new Uri(stack.Endpoint("mail"), $"/api/messages/{id}/plaintext")));
    }

    /// <summary>The notification says what fires, with its summary, runbook and graph, and how to silence it.</summary>
    private static void AssertReadable(string text)
    {
        Assert.Contains("Firing (1):", text);
        Assert.Contains($"- {TestAlert.Summary}", text);
        // The runbook-url parameter's default: this checkout's runbooks, an absolute address.
        Assert.Contains($"Runbook: {new Uri(Repository.PathTo("docs", "runbooks.md")).AbsoluteUri}#test", text);
        Assert.Matches(@"Graph: https?://\S+/graph\?g0\.expr=", text);
        Assert.Matches(@"Silence: https?://\S+/#/silences/new\?filter=%7B\S*alertname%3D%22" + TestAlert.Name, text);
        Assert.DoesNotContain("Resolved (", text);
    }

    [Fact]
    public async Task Prometheus_shows_the_alert_firing()
    {
        var alerts = await Poll.UntilAsync(
            async () => JsonDocument.Parse(await stack.Http.GetStringAsync(new Uri(stack.Endpoint("prometheus"), "/api/v1/alerts"))).RootElement
                .GetProperty("data").GetProperty("alerts").EnumerateArray().ToList(),
            list => list.Any(alert => alert.GetProperty("labels").GetProperty("alertname").GetString() == TestAlert.Name &&
                                      alert.GetProperty("state").GetString() == "firing"),
            Delivery);

        Assert.Contains(alerts, alert => alert.GetProperty("state").GetString() == "firing");
    }

    [Fact]
    public async Task The_watchdog_reaches_the_heartbeat_receiver()
    {
        var messages = await Poll.UntilAsync(
            () => Task.FromResult(slack.Messages.ToList()),
            received => received.Any(IsWatchdog),
            Delivery);

        var heartbeat = messages.First(IsWatchdog);
        Assert.Equal("heartbeat", heartbeat.GetProperty("receiver").GetString());
        Assert.Equal("firing", heartbeat.GetProperty("status").GetString());
    }

    /// <summary>Where the stack's fixture points the heartbeat-url parameter: under the Slack stand-in's address.</summary>
    public static string HeartbeatUrl(SlackStandIn slack) => $"{slack.Url}heartbeat";

    private static bool IsWatchdog(JsonElement message) =>
        message.TryGetProperty("alerts", out var alerts) &&
        alerts.EnumerateArray().Any(alert => alert.GetProperty("labels").GetProperty("alertname").GetString() == "Watchdog");

    private static bool IsTestAlert(JsonElement message) =>
        message.TryGetProperty("attachments", out var attachments) &&
        attachments.EnumerateArray().Any(attachment => attachment.GetRawText().Contains(TestAlert.Name, StringComparison.Ordinal));

    private async Task<List<(string Id, string Subject)>> MailSubjectsAsync()
    {
        // smtp4dev answers 5 messages a page unless asked for more; the stack's other alert tests send mail too.
        var body = JsonDocument.Parse(await stack.Http.GetStringAsync(new Uri(stack.Endpoint("mail"), "/api/messages?pageSize=1000"))).RootElement;
        var messages = body.ValueKind == JsonValueKind.Array ? body : body.GetProperty("results");
        return messages.EnumerateArray().Select(message => (message.GetProperty("id").GetString()!, message.GetProperty("subject").GetString() ?? "")).ToList();
    }
}

[Trait("Category", "Stack")]
[Collection(LocalStackCollection.Name)]
public sealed class LocalAlertDeliveryTests(LocalStackFixture stack) : AlertDeliveryTests(stack, stack.Slack);

/// <summary>In containers: the webhook file must be readable by the Alertmanager container's user.</summary>
[Trait("Category", "Stack")]
[Collection(ContainerStackCollection.Name)]
public sealed class ContainerAlertDeliveryTests(ContainerStackFixture stack) : AlertDeliveryTests(stack, stack.Slack);
