using System.Text.RegularExpressions;
using VideoEditor.Tests.Stack;
using VideoEditor.Tests.Support;

namespace VideoEditor.Tests.Monitoring;

/// <summary>
/// After exercising the API, the scrapes of api and worker hold every metric of docs/metrics.md, with the
/// right type and buckets, and promtool has nothing to say about them.
/// </summary>
[Trait("Category", "Stack")]
[Collection(LocalStackCollection.Name)]
public sealed partial class MetricCatalogTests(LocalStackFixture stack) : IAsyncLifetime
{
    private static readonly (string Service, string Name, string Type)[] Catalog =
    [
        ("api", "video_editor_thumbnail_duration_seconds", "histogram"),
        ("api", "video_editor_thumbnail_requests_total", "counter"),
        ("api", "video_editor_thumbnail_cache_hit_ratio", "gauge"),
        ("api", "video_editor_thumbnail_cache_hits_total", "counter"),
        ("api", "video_editor_thumbnail_cache_misses_total", "counter"),
        ("api", "video_editor_thumbnail_errors_total", "counter"),
        ("api", "video_editor_thumbnail_renders_total", "counter"),
        ("api", "video_editor_metadata_duration_seconds", "histogram"),
        ("api", "video_editor_metadata_requests_total", "counter"),
        ("api", "video_editor_metadata_errors_total", "counter"),
        ("api", "video_editor_api_latency_seconds", "histogram"),
        ("api", "video_editor_api_requests_total", "counter"),
        ("api", "video_editor_api_errors_total", "counter"),
        ("api", "video_editor_ffmpeg_duration_seconds", "histogram"),
        ("api", "video_editor_ffmpeg_errors_total", "counter"),
        ("worker", "video_editor_ffmpeg_duration_seconds", "histogram"),
        ("worker", "video_editor_jobs_queued", "gauge"),
        ("worker", "video_editor_jobs_running", "gauge"),
        ("worker", "video_editor_jobs_oldest_queued_age_seconds", "gauge"),
        ("worker", "video_editor_jobs_completed_total", "counter"),
        ("worker", "video_editor_job_duration_seconds", "histogram"),
    ];

    private static readonly (string Name, string Type)[] EveryService =
    [
        ("video_editor_memory_usage_bytes", "gauge"),
        ("video_editor_cpu_usage_percent", "gauge"),
        ("video_editor_threadpool_scheduling_delay_seconds", "histogram"),
        ("process_cpu_seconds_total", "counter"),
        ("process_resident_memory_bytes", "gauge"),
        ("process_start_time_seconds", "gauge"),
        ("process_open_fds", "gauge"),
        ("dotnet_gc_collections_total", "counter"),
    ];

    private readonly Dictionary<string, string> _scrapes = [];

    public async Task InitializeAsync()
    {
        await stack.EnsureWorkloadAsync();

        // The worker samples its queue every 5 s: wait for the gauges' first sample.
        await Poll.UntilAsync(ScrapeAllAsync, scrapes => scrapes["worker"].Contains("video_editor_jobs_queued{"), TimeSpan.FromSeconds(15));
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public void Every_catalog_metric_is_published_with_its_type_and_a_value()
    {
        var missing = Catalog.Select(entry => (entry.Service, entry.Name, entry.Type))
            .Concat(EveryService.SelectMany(entry => new[] { ("api", entry.Name, entry.Type), ("worker", entry.Name, entry.Type) }))
            .Where(entry => !Publishes(_scrapes[entry.Item1], entry.Item2, entry.Item3))
            .Select(entry => $"{entry.Item1}: {entry.Item2} ({entry.Item3})")
            .ToList();

        Assert.Empty(missing);
    }

    [Theory]
    [InlineData("api", "video_editor_thumbnail_duration_seconds", "0.01 0.025 0.05 0.1 0.25 0.5 1 2.5 5 10")]
    [InlineData("api", "video_editor_metadata_duration_seconds", "0.001 0.005 0.01 0.025 0.05 0.1 0.25 0.5 1")]
    [InlineData("api", "video_editor_api_latency_seconds", "0.01 0.05 0.1 0.5 1 2 5 10")]
    [InlineData("worker", "video_editor_ffmpeg_duration_seconds", "0.1 0.5 1 2 5 10 30 60 120")]
    public void Histograms_have_the_buckets_of_the_catalog(string service, string name, string buckets)
    {
        var bounds = BucketBound().Matches(_scrapes[service])
            .Where(match => match.Groups["name"].Value == name)
            .Select(match => match.Groups["le"].Value)
            .Where(bound => bound != "+Inf")
            .Distinct()
            .Select(bound => double.Parse(bound, System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(buckets.Split(' ').Select(bound => double.Parse(bound, System.Globalization.CultureInfo.InvariantCulture)), bounds.Order());
    }

    [Fact]
    public void Api_routes_are_templates_and_labels_come_from_small_sets()
    {
        var routes = LabelValues(_scrapes["api"], "video_editor_api_requests_total", "route");
        var errorTypes = LabelValues(_scrapes["api"], "video_editor_thumbnail_errors_total", "error_type");

        Assert.Contains("/api/videos/{id}/thumbnail", routes);
        Assert.Contains("/api/videos", routes);
        Assert.DoesNotContain(routes, route => Regex.IsMatch(route, "[0-9a-f]{32}"));
        Assert.Contains("invalid_request", errorTypes);
        Assert.Contains("probe", LabelValues(_scrapes["api"], "video_editor_ffmpeg_errors_total", "operation"));
        Assert.Equal(new HashSet<string> { "preview", "ffmpeg" }, LabelValues(_scrapes["api"], "video_editor_thumbnail_renders_total", "source"));
        Assert.Contains("preview", LabelValues(_scrapes["worker"], "video_editor_ffmpeg_duration_seconds_count", "operation"));
        Assert.Equal(new HashSet<string> { "rss", "heap_total", "heap_used", "external" }, LabelValues(_scrapes["api"], "video_editor_memory_usage_bytes", "type"));
    }

    [Fact]
    public void The_cache_hit_ratio_follows_the_counters()
    {
        var ratio = Value(_scrapes["api"], "video_editor_thumbnail_cache_hit_ratio");
        var hits = Value(_scrapes["api"], "video_editor_thumbnail_cache_hits_total");
        var misses = Value(_scrapes["api"], "video_editor_thumbnail_cache_misses_total");

        Assert.Equal(hits / (hits + misses), ratio, 6);
        Assert.InRange(Value(_scrapes["api"], "video_editor_cpu_usage_percent"), 0, 100);
    }

    [Theory]
    [InlineData("api")]
    [InlineData("worker")]
    public async Task Promtool_check_metrics_finds_nothing(string service)
    {
        var file = Path.Combine(Path.GetTempPath(), $"metrics-{service}-{Guid.NewGuid():n}.txt");
        await File.WriteAllTextAsync(file, _scrapes[service]);
        try
        {
            var result = await ExternalCommand.RunAsync("sh", ["-c", $"promtool check metrics < '{file}'"]);

            Assert.True(result.ExitCode == 0 && result.Output.Trim().Length == 0 && result.Error.Trim().Length == 0, result.ToString());
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Latency_histograms_carry_trace_exemplars_in_openmetrics()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(stack.Endpoint("api"), "/metrics"));
        request.Headers.Accept.ParseAdd("application/openmetrics-text");
        using var response = await stack.Http.SendAsync(request);
        var scrape = await response.Content.ReadAsStringAsync();

        Assert.Matches(new Regex("^video_editor_api_latency_seconds_bucket{.*} [0-9]+ # {trace_id=\"[0-9a-f]{32}\",span_id=\"[0-9a-f]{16}\"}", RegexOptions.Multiline), scrape);
    }

    private async Task<Dictionary<string, string>> ScrapeAllAsync()
    {
        foreach (var service in new[] { "api", "worker" })
        {
            _scrapes[service] = await stack.Http.GetStringAsync(new Uri(stack.Endpoint(service), "/metrics"));
        }

        return _scrapes;
    }

    private static bool Publishes(string scrape, string name, string type) =>
        scrape.Contains($"# TYPE {name} {type}\n", StringComparison.Ordinal) &&
        Regex.IsMatch(scrape, $"^{Regex.Escape(name)}(_bucket|_count|_sum)?({{.*}})? [0-9.eE+-]+$", RegexOptions.Multiline);

    private static HashSet<string> LabelValues(string scrape, string name, string label) =>
        Regex.Matches(scrape, $"^{Regex.Escape(name)}{{(.*)}} [0-9.eE+-]+$", RegexOptions.Multiline)
            .Select(match => Regex.Match(match.Groups[1].Value, $"(?:^|,){label}=\"([^\"]*)\""))
            .Where(match => match.Success)
            .Select(match => match.Groups[1].Value)
            .ToHashSet();

    private static double Value(string scrape, string name) =>
        Regex.Matches(scrape, $"^{Regex.Escape(name)}{{.*}} ([0-9.eE+-]+)$", RegexOptions.Multiline)
            .Sum(match => double.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));

    [GeneratedRegex("^(?<name>[a-z_]+)_bucket{[^}]*le=\"(?<le>[^\"]+)\"", RegexOptions.Multiline)]
    private static partial Regex BucketBound();
}
