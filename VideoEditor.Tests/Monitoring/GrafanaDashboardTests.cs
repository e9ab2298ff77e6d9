using System.Text.Json;
using System.Text.RegularExpressions;
using VideoEditor.Tests.Stack;
using VideoEditor.Tests.Support;

namespace VideoEditor.Tests.Monitoring;

/// <summary>
/// The provisioned dashboards, proven: their structure, and every panel's query run against the live Prometheus
/// that scraped the live stack after a workload.
/// </summary>
[Trait("Category", "Stack")]
[Collection(LocalStackCollection.Name)]
public sealed partial class GrafanaDashboardTests(LocalStackFixture stack)
{
    public static TheoryData<string> Dashboards() =>
        [.. Directory.GetFiles(Repository.PathTo("grafana", "dashboards"), "*.json").Select(file => Path.GetFileName(file))];

    [Theory]
    [MemberData(nameof(Dashboards))]
    public void Panels_have_unique_ids_and_use_the_provisioned_datasource(string file)
    {
        var dashboard = Load(file);
        var panels = Panels(dashboard).ToList();
        var datasources = Descendants(dashboard)
            .Where(element => element.ValueKind == JsonValueKind.Object && element.TryGetProperty("datasource", out _))
            .Select(element => element.GetProperty("datasource").GetProperty("uid").GetString())
            .ToList();

        Assert.NotEmpty(panels);
        Assert.Equal(panels.Count, panels.Select(panel => panel.GetProperty("id").GetInt32()).Distinct().Count());
        Assert.NotEmpty(datasources);
        Assert.All(datasources, uid => Assert.Equal(ProvisionedDatasourceUid(), uid));
    }

    [Theory]
    [MemberData(nameof(Dashboards))]
    public void Nothing_is_pinned_to_one_instance_or_port(string file)
    {
        var text = File.ReadAllText(Repository.PathTo("grafana", "dashboards", file));
        var expressions = Expressions(Load(file)).ToList();

        Assert.DoesNotMatch(@"localhost|127\.0\.0\.1|:\d{2,5}[""/]", text);
        Assert.All(expressions, expression =>
        {
            Assert.Contains("job=~\"$job\"", expression);
            Assert.Contains("instance=~\"$instance\"", expression);
        });
    }

    [Fact]
    public void The_overview_has_the_rows_variables_and_alert_annotations_of_the_design()
    {
        var dashboard = Load("video-editor.json");

        var rows = Panels(dashboard).Where(panel => panel.GetProperty("type").GetString() == "row").Select(panel => panel.GetProperty("title").GetString());
        var variables = dashboard.GetProperty("templating").GetProperty("list").EnumerateArray().Select(variable => variable.GetProperty("name").GetString());
        var annotations = dashboard.GetProperty("annotations").GetProperty("list").EnumerateArray().Select(annotation => annotation.GetProperty("expr").GetString());

        Assert.Equal(["Thumbnails", "Metadata", "API", "FFmpeg and jobs", "System"], rows);
        Assert.Equal(["job", "instance"], variables);
        Assert.Contains("ALERTS{alertstate=\"firing\"}", annotations);
    }

    [Theory]
    [MemberData(nameof(Dashboards))]
    public async Task Every_panel_query_parses_and_returns_series_from_the_live_stack(string file)
    {
        await stack.EnsureWorkloadAsync();
        var prometheus = stack.Endpoint("prometheus");
        var queries = Expressions(Load(file)).Select(Substitute).ToList();

        var empty = new List<string>();
        foreach (var query in queries)
        {
            var result = await Poll.UntilAsync(
                async () =>
                {
                    using var response = await stack.Http.GetAsync(new Uri(prometheus, $"/api/v1/query?query={Uri.EscapeDataString(query)}"));
                    var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
                    Assert.True(response.IsSuccessStatusCode, $"{query} does not parse: {body}");
                    return body.GetProperty("data").GetProperty("result").GetArrayLength();
                },
                series => series > 0,
                TimeSpan.FromSeconds(20));
            if (result == 0)
            {
                empty.Add(query);
            }
        }

        Assert.Empty(empty);
    }

    /// <summary>Grafana's variables as "All" and a rate window that holds several 1 s scrapes.</summary>
    private static string Substitute(string expression) =>
        expression.Replace("$job", ".*").Replace("$instance", ".*").Replace("$__rate_interval", "1m");

    private static string ProvisionedDatasourceUid() =>
        UidLine().Match(File.ReadAllText(Repository.PathTo("grafana", "provisioning", "datasources", "prometheus.yml"))).Groups[1].Value;

    private static JsonElement Load(string file) =>
        JsonDocument.Parse(File.ReadAllText(Repository.PathTo("grafana", "dashboards", file))).RootElement;

    private static IEnumerable<JsonElement> Panels(JsonElement dashboard) =>
        dashboard.GetProperty("panels").EnumerateArray()
            .SelectMany(panel => panel.TryGetProperty("panels", out var nested) ? nested.EnumerateArray().Prepend(panel) : [panel]);

    private static IEnumerable<string> Expressions(JsonElement dashboard) =>
        Panels(dashboard)
            .Where(panel => panel.TryGetProperty("targets", out _))
            .SelectMany(panel => panel.GetProperty("targets").EnumerateArray())
            .Select(target => target.GetProperty("expr").GetString()!);

    private static IEnumerable<JsonElement> Descendants(JsonElement element)
    {
        yield return element;
        var children = element.ValueKind switch
        {
            JsonValueKind.Object => element.EnumerateObject().Select(property => property.Value),
            JsonValueKind.Array => element.EnumerateArray(),
            _ => [],
        };
        foreach (var descendant in children.SelectMany(Descendants))
        {
            yield return descendant;
        }
    }

    [GeneratedRegex(@"^\s*uid:\s*(\S+)\s*$", RegexOptions.Multiline)]
    private static partial Regex UidLine();
}
