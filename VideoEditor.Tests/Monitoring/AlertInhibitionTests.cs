using System.Net.Http.Json;
using System.Text.Json;
using VideoEditor.Tests.Stack;
using VideoEditor.Tests.Support;

namespace VideoEditor.Tests.Monitoring;

/// <summary>Which alert silences which, asked of the local stack's running Alertmanager with alerts posted to its API.</summary>
[Trait("Category", "Stack")]
[Collection(LocalStackCollection.Name)]
public sealed class AlertInhibitionTests(LocalStackFixture stack)
{
    [Fact]
    public async Task An_slo_page_silences_the_ticket_of_the_same_slo_and_service_only()
    {
        var run = Guid.NewGuid().ToString("n");
        await PostAsync(
            Alert(run, "ErrorBudgetBurningFast", "critical", "api-availability"),
            Alert(run, "ErrorBudgetBurningSlowly", "warning", "api-availability"),
            Alert(run, "ErrorBudgetBurningSlowly", "warning", "thumbnail-latency"));

        var alerts = await Poll.UntilAsync(() => AlertsAsync(run), list => list.Count == 3 && list.Any(IsSuppressed), TimeSpan.FromSeconds(20));

        Assert.True(IsSuppressed(Single(alerts, "ErrorBudgetBurningSlowly", "api-availability")));
        Assert.False(IsSuppressed(Single(alerts, "ErrorBudgetBurningSlowly", "thumbnail-latency")));
        Assert.False(IsSuppressed(Single(alerts, "ErrorBudgetBurningFast", "api-availability")));
    }

    [Fact]
    public async Task A_critical_alert_silences_the_warning_of_the_same_alert_route_and_service_only()
    {
        var run = Guid.NewGuid().ToString("n");
        await PostAsync(
            WriteAlert(run, "critical", "POST", "/api/videos"),
            WriteAlert(run, "warning", "POST", "/api/videos"),
            WriteAlert(run, "warning", "POST", "/api/videos/{id}/trim"),
            WriteAlert(run, "warning", "DELETE", "/api/videos"));

        var alerts = await Poll.UntilAsync(() => AlertsAsync(run), list => list.Count == 4 && list.Any(IsSuppressed), TimeSpan.FromSeconds(20));

        var suppressed = Assert.Single(alerts, IsSuppressed).GetProperty("labels");
        Assert.Equal(("warning", "POST", "/api/videos"), (suppressed.GetProperty("severity").GetString(), suppressed.GetProperty("method").GetString(), suppressed.GetProperty("route").GetString()));
    }

    private static object Alert(string run, string name, string severity, string slo) =>
        Alert(run, name, severity, new Dictionary<string, string> { ["slo"] = slo });

    private static object WriteAlert(string run, string severity, string method, string route) =>
        Alert(run, "ApiWriteRouteFailing", severity, new Dictionary<string, string> { ["method"] = method, ["route"] = route });

    private static object Alert(string run, string name, string severity, Dictionary<string, string> labels) => new
    {
        labels = new Dictionary<string, string>(labels)
        {
            ["alertname"] = name, ["severity"] = severity, ["service"] = "api", ["test_run"] = run,
        },
        annotations = new Dictionary<string, string> { ["summary"] = $"{name} (inhibition test)" },
        startsAt = DateTimeOffset.UtcNow,
        endsAt = DateTimeOffset.UtcNow.AddMinutes(5),
    };

    private async Task PostAsync(params object[] alerts)
    {
        using var response = await stack.Http.PostAsJsonAsync(new Uri(stack.Endpoint("alertmanager"), "/api/v2/alerts"), alerts);
        response.EnsureSuccessStatusCode();
    }

    private async Task<List<JsonElement>> AlertsAsync(string run) =>
        JsonDocument.Parse(await stack.Http.GetStringAsync(new Uri(stack.Endpoint("alertmanager"), $"/api/v2/alerts?filter=test_run%3D%22{run}%22")))
            .RootElement.EnumerateArray().ToList();

    private static bool IsSuppressed(JsonElement alert) =>
        alert.GetProperty("status").GetProperty("state").GetString() == "suppressed" &&
        alert.GetProperty("status").GetProperty("inhibitedBy").GetArrayLength() > 0;

    private static JsonElement Single(List<JsonElement> alerts, string name, string slo) =>
        Assert.Single(alerts, alert => alert.GetProperty("labels").GetProperty("alertname").GetString() == name &&
                                       alert.GetProperty("labels").GetProperty("slo").GetString() == slo);
}
