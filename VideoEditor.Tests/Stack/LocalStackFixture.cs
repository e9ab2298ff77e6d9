using System.Globalization;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using StackExchange.Redis;
using VideoEditor.Tests.Support;

namespace VideoEditor.Tests.Stack;

/// <summary>
/// The real AppHost in local mode (redis-server, prometheus, alertmanager and smtp4dev as executables), started once
/// for every test of the <see cref="LocalStackCollection"/> (monitoring, previews, the life of a job) and scraped
/// every second.
/// </summary>
public sealed class LocalStackFixture : StackFixture
{
    public static readonly TimeSpan ClaimAfter = TimeSpan.FromSeconds(3);

    /// <summary>The most keyframes the stack's worker keeps for a video (Previews:MaxFrames).</summary>
    public const int MaxPreviewFrames = 100;

    public static readonly string[] Resources = ["cache", "queue", "mail", "alertmanager", "prometheus", "api", "worker"];

    /// <summary>Where the stack's Alertmanager posts Slack messages.</summary>
    public SlackStandIn Slack { get; } = new();

    /// <summary>The stack's thumbnail cache Redis, reached with the connection string the AppHost gives the api.</summary>
    public IConnectionMultiplexer Cache { get; private set; } = null!;

    /// <summary>The stack's job queue Redis, reached with the connection string the AppHost gives the services.</summary>
    public IConnectionMultiplexer Queue { get; private set; } = null!;

    public LocalStackFixture() => _workload = new Lazy<Task>(RunWorkloadAsync);

    public override async Task InitializeAsync()
    {
        var testRules = await TestAlert.WriteRuleFileAsync(DataDirectory);
        await Stack.StartAsync(
            [
                "Stack:ScrapeInterval=00:00:01",
                $"Stack:ExtraRuleFiles={testRules}",
                "Alerting:GroupWait=00:00:01",
                $"Parameters:slack-webhook-url={Slack.Url}",
                $"Parameters:heartbeat-url={Monitoring.AlertDeliveryTests.HeartbeatUrl(Slack)}",
            ],
            builder =>
            {
                // The collection uploads from one address; the write limit has tests of its own (SecuredApiTests).
                builder.CreateResourceBuilder<ProjectResource>("api").WithEnvironment("Security__WritesPerMinute", "100000");
                builder.CreateResourceBuilder<ProjectResource>("worker")
                    // Trace ids in the worker's console log, to follow a request's trace into its job.
                    .WithEnvironment("Logging__Console__FormatterOptions__IncludeScopes", "true")
                    // A killed worker's job is taken over after 3 s instead of 30.
                    .WithEnvironment("Jobs__ClaimAfter", ClaimAfter.ToString("c", CultureInfo.InvariantCulture))
                    .WithEnvironment("Previews__MaxFrames", MaxPreviewFrames.ToString(CultureInfo.InvariantCulture));
            },
            Resources);
        Cache = await Stack.ConnectRedisAsync("cache");
        Queue = await Stack.ConnectRedisAsync("queue");
    }

    public override async Task DisposeAsync()
    {
        Slack.Dispose();
        Cache.Dispose();
        Queue.Dispose();
        await base.DisposeAsync();
    }

    private readonly Lazy<Task> _workload;

    /// <summary>
    /// Exercises every part of the API once (uploads good and bad, metadata, thumbnail misses by ffmpeg and from the
    /// previews and a hit, a refused thumbnail, a job), so that every metric has a value; runs once however many tests ask.
    /// </summary>
    public Task EnsureWorkloadAsync() => _workload.Value;

    private async Task RunWorkloadAsync()
    {
        var api = Api;
        var media = await TestMedia.GetAsync();
        var video = await api.UploadAsync(media.Clock);
        (await api.Http.GetAsync(api.Url($"/api/videos/{video.Id}"))).Dispose();
        // One thumbnail by ffmpeg, then, once the worker made the previews, one from them, twice (a hit).
        (await api.Http.GetAsync(api.Url($"/api/videos/{video.Id}/thumbnail?t=9.5&accurate=true"))).Dispose();
        await api.WaitForPreviewAsync(video.Id);
        (await api.Http.GetAsync(api.Url("/api/videos/0123456789abcdef0123456789abcdef"))).Dispose();
        (await api.Http.GetAsync(api.Url($"/api/videos/{video.Id}/thumbnail?t=9.5"))).Dispose();
        (await api.Http.GetAsync(api.Url($"/api/videos/{video.Id}/thumbnail?t=9.5"))).Dispose();
        (await api.Http.GetAsync(api.Url($"/api/videos/{video.Id}/thumbnail?t=-3"))).Dispose();
        (await api.UploadRawAsync(media.Truncated)).Dispose();
        var job = await api.SubmitAsync(video.Id, "trim", new { start = 1, end = 2, mode = "copy" });
        await api.WaitForJobAsync(job.Id);
    }
}

[CollectionDefinition(Name)]
public sealed class LocalStackCollection : ICollectionFixture<LocalStackFixture>
{
    public const string Name = "Local stack";
}
