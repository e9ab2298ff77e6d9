using System.Text.Json;

namespace VideoEditor.Tests.Support;

/// <summary>What the stack tests ask a running Prometheus through its HTTP API.</summary>
public sealed class PrometheusApi(HttpClient http, Uri baseAddress)
{
    /// <summary>The health of each scrape target, by job (<c>up</c>, <c>down</c>, <c>unknown</c>).</summary>
    public async Task<Dictionary<string, string>> TargetHealthAsync()
    {
        var targets = JsonDocument.Parse(await http.GetStringAsync(new Uri(baseAddress, "/api/v1/targets"))).RootElement;
        return targets.GetProperty("data").GetProperty("activeTargets").EnumerateArray()
            .ToDictionary(target => target.GetProperty("labels").GetProperty("job").GetString()!, target => target.GetProperty("health").GetString()!);
    }

    /// <summary>The samples of an instant query.</summary>
    public async Task<List<JsonElement>> QueryAsync(string query)
    {
        var body = await http.GetStringAsync(new Uri(baseAddress, $"/api/v1/query?query={Uri.EscapeDataString(query)}"));
        return JsonDocument.Parse(body).RootElement.GetProperty("data").GetProperty("result").EnumerateArray().ToList();
    }
}
