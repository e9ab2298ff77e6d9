using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using VideoEditor.Tests.Containers;
using VideoEditor.Tests.Stack;
using VideoEditor.Tests.Support;

namespace VideoEditor.Tests.Monitoring;

/// <summary>
/// The alerting path watched, on a running stack: Prometheus scrapes itself and the Alertmanager, the series
/// <c>prometheus/rules/pipeline.yml</c> asks for exist, the links both hand out point where the user reaches them, and
/// Alertmanager's state (silences, the notification log) survives its restart.
/// </summary>
/// <param name="stateFolder">Where the stack's Alertmanager keeps its state on this machine, when it is a folder (local mode).</param>
/// <param name="skipReason">Why the stack can't run here, if it can't.</param>
public abstract partial class AlertingPipelineTests(StackFixture stack, SlackStandIn slack, string? stateFolder, string? skipReason)
{
    // The first alerts a Prometheus sends are dropped while it knows no Alertmanager yet; it sends them again a minute later.
    private static readonly TimeSpan Delivery = TimeSpan.FromSeconds(120);

    private PrometheusApi Prometheus => new(stack.Http, stack.Endpoint("prometheus"));

    private Uri Alertmanager => stack.Endpoint("alertmanager");

    [SkippableTheory]
    [InlineData("prometheus")]
    [InlineData("alertmanager")]
    public async Task Prometheus_scrapes_it_as_its_own_job_with_a_service_label(string job)
    {
        Skip.If(skipReason is not null, skipReason);

        var up = await Poll.UntilAsync(() => Prometheus.QueryAsync($"up{{job=\"{job}\"}}"), samples => samples.Any(IsUp), Delivery);

        var sample = Assert.Single(up);
        Assert.True(IsUp(sample), sample.GetRawText());
        Assert.Equal(job, sample.GetProperty("metric").GetProperty("service").GetString());
    }

    [SkippableFact]
    public async Task Every_series_the_pipeline_rules_ask_for_exists_with_its_service_label()
    {
        Skip.If(skipReason is not null, skipReason);
        var selectors = Selector().Matches(File.ReadAllText(Repository.PathTo("prometheus", "rules", "pipeline.yml"))).Select(match => match.Value).Distinct().ToList();
        Assert.True(selectors.Count >= 8, string.Join(", ", selectors));

        foreach (var selector in selectors)
        {
            var samples = await Poll.UntilAsync(() => Prometheus.QueryAsync(selector), found => found.Count > 0, Delivery);

            Assert.True(samples.Count > 0, $"{selector} has no series");
            Assert.All(samples, sample => Assert.Equal(
                sample.GetProperty("metric").GetProperty("job").GetString(), sample.GetProperty("metric").GetProperty("service").GetString()));
        }

        // AlertmanagerFailedToSendAlerts is per integration: each one this stack sends by has its series.
        var integrations = (await Prometheus.QueryAsync("alertmanager_notifications_total{job=\"alertmanager\"}"))
            .Select(sample => sample.GetProperty("metric").GetProperty("integration").GetString());
        Assert.Superset(new HashSet<string?> { "email", "slack", "webhook" }, integrations.ToHashSet());
    }

    [SkippableFact]
    public async Task An_alert_links_to_prometheus_where_the_user_reaches_it_and_the_link_answers()
    {
        Skip.If(skipReason is not null, skipReason);

        var alerts = await Poll.UntilAsync(() => AlertmanagerAlertsAsync(TestAlert.Name), found => found.Count > 0, Delivery);

        var link = Assert.Single(alerts).GetProperty("generatorURL").GetString()!;
        Assert.StartsWith($"{stack.Endpoint("prometheus").GetLeftPart(UriPartial.Authority)}/graph?", link);
        using var page = await stack.Http.GetAsync(new Uri(link));
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("Prometheus", await page.Content.ReadAsStringAsync());
    }

    [SkippableFact]
    public async Task Alertmanager_notifications_link_to_it_where_the_user_reaches_it_and_the_link_answers()
    {
        Skip.If(skipReason is not null, skipReason);

        // The heartbeat is Alertmanager's webhook payload, which carries the external URL as it is.
        var messages = await Poll.UntilAsync(() => Task.FromResult(slack.Messages.ToList()), received => received.Any(IsHeartbeat), Delivery);

        var externalUrl = messages.First(IsHeartbeat).GetProperty("externalURL").GetString()!;
        Assert.Equal(Alertmanager.GetLeftPart(UriPartial.Authority), externalUrl.TrimEnd('/'));
        var status = await AlertmanagerAsync(HttpMethod.Get, new Uri($"{externalUrl.TrimEnd('/')}/api/v2/status"));
        Assert.True(JsonDocument.Parse(status).RootElement.TryGetProperty("versionInfo", out _), status);
    }

    [SkippableFact]
    public async Task A_silence_and_the_notification_log_survive_a_restart_of_the_alertmanager()
    {
        Skip.If(skipReason is not null, skipReason);
        // The test alert notified once to Slack: the notification log holds it.
        var notified = await Poll.UntilAsync(() => Task.FromResult(slack.Messages.Count(IsTestAlertOnSlack)), count => count > 0, Delivery);
        Assert.True(notified > 0, "the test alert never reached Slack");
        var silence = await CreateSilenceAsync();
        try
        {
            await stack.App.ResourceCommands.ExecuteCommandAsync("alertmanager", KnownResourceCommands.StopCommand);
            await stack.Stack.StartResourceAsync("alertmanager");

            var kept = JsonDocument.Parse(await AlertmanagerAsync(HttpMethod.Get, new Uri(Alertmanager, $"/api/v2/silence/{silence}"))).RootElement;
            Assert.Equal("active", kept.GetProperty("status").GetProperty("state").GetString());
            Assert.Equal(SilenceComment, kept.GetProperty("comment").GetString());
            if (stateFolder is not null)
            {
                Assert.True(File.Exists(Path.Combine(stateFolder, "silences")), $"no silences in {stateFolder}");
                Assert.True(File.Exists(Path.Combine(stateFolder, "nflog")), $"no notification log in {stateFolder}");
            }

            // Prometheus sends its alerts again within a minute; an Alertmanager that forgot what it sent would notify
            // the test alert again at once (its group waits a second).
            var back = await Poll.UntilAsync(() => AlertmanagerAlertsAsync(TestAlert.Name), found => found.Count > 0, Delivery);
            Assert.NotEmpty(back);
            await Task.Delay(TimeSpan.FromSeconds(10));
            Assert.Equal(notified, slack.Messages.Count(IsTestAlertOnSlack));
        }
        finally
        {
            // Expired, so that a volume that outlives the stack (container mode) keeps no active silence of the suite.
            await AlertmanagerAsync(HttpMethod.Delete, new Uri(Alertmanager, $"/api/v2/silence/{silence}"));
        }
    }

    private const string SilenceComment = "A silence that must outlive a restart of Alertmanager (AlertingPipelineTests)";

    /// <summary>A silence of an alert that never fires: it silences nothing the other tests look at.</summary>
    private async Task<string> CreateSilenceAsync()
    {
        var created = await AlertmanagerAsync(HttpMethod.Post, new Uri(Alertmanager, "/api/v2/silences"), JsonContent.Create(new
        {
            matchers = new[] { new { name = "alertname", value = $"NoSuchAlert{Guid.NewGuid():n}", isRegex = false, isEqual = true } },
            startsAt = DateTimeOffset.UtcNow,
            endsAt = DateTimeOffset.UtcNow.AddHours(1),
            createdBy = "VideoEditor.Tests",
            comment = SilenceComment,
        }));
        return JsonDocument.Parse(created).RootElement.GetProperty("silenceID").GetString()!;
    }

    private async Task<List<JsonElement>> AlertmanagerAlertsAsync(string alertName) =>
        JsonDocument.Parse(await AlertmanagerAsync(HttpMethod.Get, new Uri(Alertmanager, $"/api/v2/alerts?filter={Uri.EscapeDataString($"alertname=\"{alertName}\"")}")))
            .RootElement.EnumerateArray().ToList();

    /// <summary>
    /// One request to Alertmanager on a connection of its own. In container mode a kept-alive connection through Aspire's
    /// proxy outlives the container it led to and hangs once Alertmanager restarts (seen here): no connection is reused.
    /// </summary>
    private async Task<string> AlertmanagerAsync(HttpMethod method, Uri url, HttpContent? content = null)
    {
        using var request = new HttpRequestMessage(method, url) { Content = content };
        request.Headers.ConnectionClose = true;
        using var response = await stack.Http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsStringAsync();
    }

    private static bool IsUp(JsonElement sample) => sample.GetProperty("value")[1].GetString() == "1";

    private static bool IsHeartbeat(JsonElement message) => message.TryGetProperty("externalURL", out _) && message.GetProperty("receiver").GetString() == "heartbeat";

    private static bool IsTestAlertOnSlack(JsonElement message) =>
        message.TryGetProperty("attachments", out var attachments) && attachments.GetRawText().Contains(TestAlert.Name, StringComparison.Ordinal);

    /// <summary>A selector of the rules, e.g. <c>prometheus_notifications_dropped_total{job="prometheus"}</c>.</summary>
    [GeneratedRegex(@"\b(?:prometheus|alertmanager)_[a-z_]+\{job=""(?:prometheus|alertmanager)""\}")]
    private static partial Regex Selector();
}

[Trait("Category", "Stack")]
[Collection(LocalStackCollection.Name)]
public sealed class LocalAlertingPipelineTests(LocalStackFixture stack)
    : AlertingPipelineTests(stack, stack.Slack, Path.Combine(stack.Stack.StateDirectory, "alertmanager"), skipReason: null);

/// <summary>In containers: Alertmanager's state on its volume, the links through Aspire's proxies.</summary>
[Trait("Category", "Stack")]
[Collection(ContainerStackCollection.Name)]
public sealed class ContainerAlertingPipelineTests(ContainerStackFixture stack)
    : AlertingPipelineTests(stack, stack.Slack, stateFolder: null, ContainerSuite.SkipReason);
