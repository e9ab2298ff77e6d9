using System.Net;
using System.Text.Json;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using VideoEditor.Tests.Support;

namespace VideoEditor.Tests.Containers;

/// <summary>Container mode on a real engine: the services on the host and the infrastructure in containers, working together.</summary>
[Trait("Category", "Stack")]
[Collection(ContainerStackCollection.Name)]
public sealed class ContainerStackTests(ContainerStackFixture stack)
{
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(60);

    [ContainerFact]
    public async Task Api_and_worker_are_healthy_on_the_redis_containers_and_an_upload_gets_its_thumbnail()
    {
        foreach (var (service, redis) in new[] { ("api", "cache"), ("api", "queue"), ("worker", "queue") })
        {
            using var health = await stack.Http.GetAsync(new Uri(stack.Endpoint(service), "/health"));
            var checks = JsonDocument.Parse(await health.Content.ReadAsStringAsync()).RootElement.GetProperty("checks");
            Assert.Equal("Healthy", checks.GetProperty($"StackExchange.Redis_{redis}").GetProperty("status").GetString());
        }

        var video = await stack.Api.UploadAsync((await TestMedia.GetAsync()).Clock);
        using var thumbnail = await stack.Http.GetAsync(stack.Api.Url($"/api/videos/{video.Id}/thumbnail?t=4.5&accurate=true&format=png"));

        Assert.Equal(HttpStatusCode.OK, thumbnail.StatusCode);
        Assert.Equal(TestMedia.ColorAt(4.5), await MediaInspector.CenterColorAsync(await thumbnail.Content.ReadAsByteArrayAsync(), ".png"));
    }

    [ContainerFact]
    public async Task Prometheus_in_its_container_scrapes_api_and_worker_on_the_host_itself_and_the_alertmanager_container()
    {
        (await stack.Http.GetAsync(stack.Api.Url("/api/videos"))).Dispose();

        var prometheus = new PrometheusApi(stack.Http, stack.Endpoint("prometheus"));
        var targets = await Poll.UntilAsync(prometheus.TargetHealthAsync, health => health.Values.All(state => state == "up") && health.Count == 4, Settle);

        Assert.Equal(new Dictionary<string, string> { ["api"] = "up", ["worker"] = "up", ["prometheus"] = "up", ["alertmanager"] = "up" }, targets);
        var requests = await Poll.UntilAsync(() => prometheus.QueryAsync("sum by (service) (video_editor_api_requests_total)"), result => result.Count > 0, Settle);
        Assert.Contains(requests, sample => sample.GetProperty("metric").GetProperty("service").GetString() == "api");
    }

    [ContainerFact]
    public async Task Prometheus_sends_its_alerts_to_the_alertmanager_container()
    {
        var body = JsonDocument.Parse(await stack.Http.GetStringAsync(new Uri(stack.Endpoint("prometheus"), "/api/v1/alertmanagers"))).RootElement;

        var active = body.GetProperty("data").GetProperty("activeAlertmanagers").EnumerateArray().Select(alertmanager => alertmanager.GetProperty("url").GetString()).ToList();
        Assert.Equal(["http://alertmanager.dev.internal:9093/api/v2/alerts"], active);
    }

    [ContainerFact]
    public async Task The_cache_container_is_bounded_and_keeps_nothing_and_the_queue_container_never_evicts()
    {
        await using var cache = await stack.Stack.ConnectRedisAsync("cache");
        await using var queue = await stack.Stack.ConnectRedisAsync("queue");
        Assert.Equal("allkeys-lru", await cache.ConfigAsync("maxmemory-policy"));
        Assert.Equal((256L << 20).ToString(System.Globalization.CultureInfo.InvariantCulture), await cache.ConfigAsync("maxmemory"));
        Assert.Equal("no", await cache.ConfigAsync("appendonly"));
        Assert.Equal("noeviction", await queue.ConfigAsync("maxmemory-policy"));
        Assert.Equal("yes", await queue.ConfigAsync("appendonly"));
    }

    [ContainerFact]
    public async Task A_queued_job_survives_a_restart_of_the_queue_redis_container()
    {
        var api = stack.Api;
        var video = await api.UploadAsync((await TestMedia.GetAsync()).Clock);
        await stack.App.ResourceCommands.ExecuteCommandAsync("worker", KnownResourceCommands.StopCommand);
        try
        {
            var job = await api.SubmitAsync(video.Id, "trim", new { start = 1, end = 2, mode = "copy" });

            await stack.App.ResourceCommands.ExecuteCommandAsync("queue", KnownResourceCommands.StopCommand);
            await stack.Stack.StartResourceAsync("queue");

            var after = await Poll.UntilAsync(async () => await TryGetJobStatusAsync(job.Id), status => status is not null, Settle);
            Assert.Equal("queued", after);
        }
        finally
        {
            await stack.Stack.StartResourceAsync("worker");
        }
    }

    [GrafanaFact]
    public async Task Grafana_has_its_provisioned_datasource_and_dashboard_and_answers_a_panel_query()
    {
        var grafana = stack.Endpoint("grafana");

        var datasources = JsonDocument.Parse(await stack.Http.GetStringAsync(new Uri(grafana, "/api/datasources"))).RootElement;
        var prometheus = Assert.Single(datasources.EnumerateArray(), source => source.GetProperty("type").GetString() == "prometheus");
        var search = JsonDocument.Parse(await stack.Http.GetStringAsync(new Uri(grafana, "/api/search?query=Video%20Editor"))).RootElement;
        Assert.Contains(search.EnumerateArray(), found => found.GetProperty("title").GetString() == "Video Editor");

        var uid = prometheus.GetProperty("uid").GetString();
        var query = await stack.Http.GetStringAsync(new Uri(grafana, $"/api/datasources/proxy/uid/{uid}/api/v1/query?query=up"));
        Assert.Equal("success", JsonDocument.Parse(query).RootElement.GetProperty("status").GetString());
    }

    private async Task<string?> TryGetJobStatusAsync(string jobId)
    {
        try
        {
            return (await stack.Api.GetJobAsync(jobId)).Status;
        }
        catch (HttpRequestException)
        {
            // The api answers 503 while it reconnects to Redis.
            return null;
        }
    }
}
