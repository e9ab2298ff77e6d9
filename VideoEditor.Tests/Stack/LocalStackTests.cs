using System.Net;
using System.Text.Json;
using Aspire.Hosting.Testing;
using VideoEditor.Tests.Support;

namespace VideoEditor.Tests.Stack;

[Trait("Category", "Stack")]
[Collection(LocalStackCollection.Name)]
public sealed class LocalStackTests(LocalStackFixture stack)
{
    [Theory]
    [InlineData("api", "StackExchange.Redis_cache StackExchange.Redis_queue")]
    [InlineData("worker", "StackExchange.Redis_queue")]
    public async Task Service_is_ready_with_a_working_connection_to_each_redis_it_uses(string service, string redisChecks)
    {
        using var response = await stack.Http.GetAsync(new Uri(stack.Endpoint(service), "/health"));
        var health = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        var checks = health.GetProperty("checks").EnumerateObject().Where(check => check.Name.StartsWith("StackExchange.Redis", StringComparison.Ordinal)).ToList();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", health.GetProperty("status").GetString());
        Assert.Equal(redisChecks.Split(' '), checks.Select(check => check.Name).Order());
        Assert.All(checks, check => Assert.Equal("Healthy", check.Value.GetProperty("status").GetString()));
    }

    [Theory]
    [InlineData("api")]
    [InlineData("worker")]
    public async Task Service_is_alive(string service)
    {
        using var response = await stack.Http.GetAsync(new Uri(stack.Endpoint(service), "/alive"));
        var health = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        // Liveness must not depend on Redis: a Redis outage is not a reason to restart the service.
        Assert.DoesNotContain(health.GetProperty("checks").EnumerateObject(), check => check.Name.StartsWith("StackExchange.Redis", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("api")]
    [InlineData("worker")]
    public async Task Service_exposes_prometheus_metrics(string service)
    {
        using var response = await stack.Http.GetAsync(new Uri(stack.Endpoint(service), "/metrics"));
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("# TYPE dotnet_gc_heap_total_allocated_bytes_total counter", body);
        Assert.Contains($"service_name=\"{service}\"", body);
    }

    [Fact]
    public void The_api_runs_on_workstation_gc_with_a_4_MB_young_generation()
    {
        // Read from the running process, not the project: its runtimeconfig (next to its executable) and its environment.
        var pid = LocalMachine.ServiceProcess(stack.Stack.ProcessId("api"), "VideoEditor.Api");
        var executable = new FileInfo($"/proc/{pid}/exe").LinkTarget!;
        var runtimeConfig = JsonDocument.Parse(File.ReadAllText(executable + ".runtimeconfig.json")).RootElement;
        var environment = File.ReadAllText($"/proc/{pid}/environ").Split('\0');

        Assert.False(runtimeConfig.GetProperty("runtimeOptions").GetProperty("configProperties").GetProperty("System.GC.Server").GetBoolean());
        Assert.Contains("DOTNET_GCgen0size=0x400000", environment);
    }

    [Fact]
    public async Task Prometheus_scrapes_api_and_worker()
    {
        var prometheus = new PrometheusApi(stack.Http, stack.Endpoint("prometheus"));

        var health = await Poll.UntilAsync(
            prometheus.TargetHealthAsync,
            targets => targets.GetValueOrDefault("api") == "up" && targets.GetValueOrDefault("worker") == "up",
            TimeSpan.FromSeconds(30));

        Assert.Equal("up", health.GetValueOrDefault("api"));
        Assert.Equal("up", health.GetValueOrDefault("worker"));
    }

    [Theory]
    [InlineData("api")]
    [InlineData("worker")]
    public async Task Prometheus_holds_samples_of_the_service(string service)
    {
        var prometheus = new PrometheusApi(stack.Http, stack.Endpoint("prometheus"));
        var query = $"dotnet_gc_heap_total_allocated_bytes_total{{job=\"{service}\"}}";

        var samples = await Poll.UntilAsync(() => prometheus.QueryAsync(query), result => result.Count > 0, TimeSpan.FromSeconds(30));

        var sample = Assert.Single(samples);
        var value = double.Parse(sample.GetProperty("value")[1].GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(value > 0, $"{query} = {value}");
    }

    [Fact]
    public async Task Prometheus_loads_the_rules_from_the_repository()
    {
        var prometheus = stack.Endpoint("prometheus");
        var rules = JsonDocument.Parse(await stack.Http.GetStringAsync(new Uri(prometheus, "/api/v1/rules"))).RootElement;

        var files = rules.GetProperty("data").GetProperty("groups").EnumerateArray()
            .Select(group => Path.GetFileName(group.GetProperty("file").GetString()))
            .ToHashSet();
        var expected = Directory.GetFiles(Support.Repository.PathTo("prometheus", "rules"), "*.yml").Select(Path.GetFileName).ToHashSet();
        Assert.NotEmpty(expected);
        Assert.Superset(expected, files);
    }

    [Fact]
    public async Task Prometheus_sends_alerts_to_the_alertmanager_resource()
    {
        var prometheus = stack.Endpoint("prometheus");
        var alertmanager = stack.Endpoint("alertmanager");

        var active = await Poll.UntilAsync(
            async () => JsonDocument.Parse(await stack.Http.GetStringAsync(new Uri(prometheus, "/api/v1/alertmanagers"))).RootElement
                .GetProperty("data").GetProperty("activeAlertmanagers"),
            list => list.GetArrayLength() > 0,
            TimeSpan.FromSeconds(15));

        var url = Assert.Single(active.EnumerateArray()).GetProperty("url").GetString()!;
        Assert.Equal(alertmanager.Port, new Uri(url).Port);
    }

    [Fact]
    public async Task Alertmanager_is_ready()
    {
        using var response = await stack.Http.GetAsync(new Uri(stack.Endpoint("alertmanager"), "/-/ready"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Mail_catcher_serves_its_web_ui()
    {
        using var response = await stack.Http.GetAsync(stack.Endpoint("mail"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Worker_announces_itself_in_the_redis_the_apphost_started()
    {
        var workers = await Poll.UntilAsync(
            () => Task.FromResult(stack.Queue.Keys("video-editor:workers:*")),
            keys => keys.Count > 0,
            TimeSpan.FromSeconds(15));

        Assert.Single(workers);
        Assert.NotNull(await stack.Queue.GetDatabase().KeyTimeToLiveAsync(workers[0]));
    }

    [Fact]
    public async Task Without_an_api_key_the_api_says_at_start_that_it_is_open()
    {
        var search = await stack.Stack.SearchLogAsync("api", "No API key is configured", TimeSpan.FromSeconds(10));
        Assert.True(search.Found, search.ToString());
    }

    [Fact]
    public void The_queue_keeps_an_append_only_file_in_its_run_data_folder_and_the_cache_nothing()
    {
        var appendOnly = Path.Combine(stack.DataDirectory, "queue", "appendonlydir");

        Assert.True(Directory.Exists(appendOnly), $"{appendOnly} does not exist");
        Assert.NotEmpty(Directory.GetFiles(appendOnly));
        Assert.Empty(Directory.GetFileSystemEntries(Path.Combine(stack.DataDirectory, "cache")));
    }

    [Fact]
    public async Task The_cache_redis_is_bounded_and_evicts_the_least_recently_used_and_the_queue_redis_never_evicts()
    {
        Assert.Equal((256L << 20).ToString(System.Globalization.CultureInfo.InvariantCulture), await stack.Cache.ConfigAsync("maxmemory"));
        Assert.Equal("allkeys-lru", await stack.Cache.ConfigAsync("maxmemory-policy"));
        Assert.Equal("no", await stack.Cache.ConfigAsync("appendonly"));
        Assert.Equal("noeviction", await stack.Queue.ConfigAsync("maxmemory-policy"));
        Assert.Equal("yes", await stack.Queue.ConfigAsync("appendonly"));
    }
}
