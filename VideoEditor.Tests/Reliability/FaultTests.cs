using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using VideoEditor.Tests.Support;

namespace VideoEditor.Tests.Reliability;

/// <summary>
/// A stack of its own for faults: each of its Redis is stopped and started again, its jobs are cut at 10 s, its
/// worker looks for videos without previews every 2 s and writes no output over 4 MB.
/// </summary>
public sealed class FaultStackFixture : StackFixture
{
    // Far below the time limit test's transcode (minutes), far above a preview job even on a busy machine (a preview
    // job cut by a 3 s limit while the suite built images failed for good, and its video never got previews).
    public static readonly TimeSpan JobTimeout = TimeSpan.FromSeconds(10);

    /// <summary>The worker's largest video: the long test video (10 MB) is larger, its clock trims far smaller.</summary>
    public const long MaxOutputBytes = 4 << 20;

    public override Task InitializeAsync() => Stack.StartAsync(
        [],
        builder => builder.CreateResourceBuilder<ProjectResource>("worker")
            .WithEnvironment("Jobs__Timeout", JobTimeout.ToString("c"))
            .WithEnvironment("Previews__BackfillInterval", "00:00:02")
            .WithEnvironment("Videos__MaxUploadBytes", MaxOutputBytes.ToString(CultureInfo.InvariantCulture)),
        "cache", "queue", "api", "worker");
}

[CollectionDefinition(Name)]
public sealed class FaultStackCollection : ICollectionFixture<FaultStackFixture>
{
    public const string Name = "Fault stack";
}

[Trait("Category", "Stack")]
[Collection(FaultStackCollection.Name)]
public sealed class FaultTests(FaultStackFixture fixture)
{
    [Fact]
    public async Task An_ffmpeg_run_past_its_time_limit_is_killed_and_the_job_fails_with_a_timeout_that_is_counted()
    {
        var stack = fixture.Stack;
        var api = new VideoApi(stack.Http, stack.Endpoint("api"));
        var video = await api.UploadAsync((await TestMedia.GetAsync()).Long);

        // An 8K transcode: minutes of work that writes little in 10 s (under the worker's output limit).
        var submitted = await api.SubmitAsync(video.Id, "process", new { format = "mp4", width = 7680 });
        var job = await api.WaitForJobAsync(submitted.Id, TimeSpan.FromSeconds(60));

        Assert.Equal("failed", job.Status);
        Assert.Equal("timeout", job.Error?.Type);
        Assert.Empty(job.Outputs);
        var scrape = await stack.Http.GetStringAsync(new Uri(stack.Endpoint("worker"), "/metrics"));
        Assert.Matches("video_editor_ffmpeg_errors_total{[^\\n]*error_type=\"timeout\",operation=\"process\"} [1-9]", scrape);
        Assert.Matches("video_editor_jobs_completed_total{[^\\n]*status=\"failed\",type=\"process\"} [1-9]", scrape);
    }

    [Fact]
    public async Task A_job_whose_output_would_be_larger_than_a_video_may_be_fails_and_keeps_nothing()
    {
        var stack = fixture.Stack;
        var api = new VideoApi(stack.Http, stack.Endpoint("api"));
        var video = await api.UploadAsync((await TestMedia.GetAsync()).Long);
        Assert.True(video.SizeBytes > 2 * FaultStackFixture.MaxOutputBytes);

        var submitted = await api.SubmitAsync(video.Id, "trim", new { start = 0, end = 80, mode = "copy" });
        var job = await api.WaitForJobAsync(submitted.Id, TimeSpan.FromSeconds(60));

        Assert.Equal("failed", job.Status);
        Assert.Equal("output_too_large", job.Error?.Type);
        Assert.Empty(job.Outputs);
        Assert.Empty(Directory.GetFileSystemEntries(Path.Combine(stack.DataDirectory, "media", "staging")));
    }

    [Fact]
    public async Task While_the_queue_redis_is_down_the_api_serves_what_it_can_fast_from_its_cache_too_and_everything_recovers_when_it_returns()
    {
        var stack = fixture.Stack;
        var api = new VideoApi(stack.Http, stack.Endpoint("api"));
        var video = await api.UploadAsync((await TestMedia.GetAsync()).Clock);

        await stack.App.ResourceCommands.ExecuteCommandAsync("queue", KnownResourceCommands.StopCommand);

        // Health says why, metadata does not need Redis, thumbnails keep their cache, a job is refused (not lost).
        // (How fast each answers is measured in docs/reliability.md, not asserted: timings are noisy here.)
        using var health = await stack.Http.GetAsync(new Uri(stack.Endpoint("api"), "/health"));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
        var checks = JsonDocument.Parse(await health.Content.ReadAsStringAsync()).RootElement.GetProperty("checks");
        Assert.Equal("Unhealthy", checks.GetProperty("StackExchange.Redis_queue").GetProperty("status").GetString());
        Assert.Equal("Healthy", checks.GetProperty("StackExchange.Redis_cache").GetProperty("status").GetString());

        using var metadata = await api.Http.GetAsync(api.Url($"/api/videos/{video.Id}"));
        Assert.Equal(HttpStatusCode.OK, metadata.StatusCode);

        var thumbnail = $"/api/videos/{video.Id}/thumbnail?t=6.5&accurate=true&format=png";
        using var made = await api.Http.GetAsync(api.Url(thumbnail));
        Assert.Equal(HttpStatusCode.OK, made.StatusCode);
        Assert.Equal(TestMedia.ColorAt(6.5), await MediaInspector.CenterColorAsync(await made.Content.ReadAsByteArrayAsync(), ".png"));
        // Cached in the cache's Redis (HybridCache writes it after answering), not only in the api's memory.
        await using var cache = await stack.ConnectRedisAsync("cache");
        Assert.NotEmpty(await Poll.UntilAsync(() => Task.FromResult(cache.Keys($"video-editor:thumbnails:{video.Id}:*")), keys => keys.Count > 0, TimeSpan.FromSeconds(10)));
        using var cached = await api.Http.GetAsync(api.Url(thumbnail));
        Assert.Equal("hit", cached.Headers.GetValues("X-Thumbnail-Cache").Single());

        using var refused = await api.Http.PostAsJsonAsync(api.Url($"/api/videos/{video.Id}/trim"), new { start = 0, end = 1 });
        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.True(refused.Headers.RetryAfter?.Delta > TimeSpan.Zero);

        await stack.StartResourceAsync("queue");

        await WaitUntilHealthyAsync("api");
        // The circuit breaker may still refuse for a few seconds: a client retries after Retry-After, as told.
        var accepted = await Poll.UntilAsync(
            () => api.Http.PostAsJsonAsync(api.Url($"/api/videos/{video.Id}/trim"), new { start = 0, end = 1, mode = "copy" }),
            response => response.StatusCode != HttpStatusCode.ServiceUnavailable,
            TimeSpan.FromSeconds(30));
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        var job = (await accepted.Content.ReadFromJsonAsync<JobDto>(VideoApi.Json))!;
        await api.WaitForSuccessAsync(job.Id, TimeSpan.FromSeconds(60));
        // The preview job queued at upload has run too: the fast thumbnails below have one source.
        await api.WaitForPreviewAsync(video.Id);
        (await api.Http.GetAsync(api.Url($"/api/videos/{video.Id}/thumbnail?t=7.5"))).Dispose();
        using var fromPreview = await api.Http.GetAsync(api.Url($"/api/videos/{video.Id}/thumbnail?t=7.5"));
        Assert.Equal("hit", fromPreview.Headers.GetValues("X-Thumbnail-Cache").Single());
    }

    [Fact]
    public async Task While_the_cache_redis_is_down_jobs_are_accepted_and_run_and_thumbnails_are_made_without_it()
    {
        var stack = fixture.Stack;
        var api = new VideoApi(stack.Http, stack.Endpoint("api"));
        var video = await api.UploadAsync((await TestMedia.GetAsync()).Clock);

        await stack.App.ResourceCommands.ExecuteCommandAsync("cache", KnownResourceCommands.StopCommand);
        try
        {
            // Thumbnails first: their failing cache calls open the cache's circuit, which must leave the queue's closed.
            foreach (var t in new[] { 2.5, 3.5 })
            {
                using var thumbnail = await api.Http.GetAsync(api.Url($"/api/videos/{video.Id}/thumbnail?t={t}&accurate=true&format=png"));
                Assert.Equal(HttpStatusCode.OK, thumbnail.StatusCode);
                Assert.Equal("miss", thumbnail.Headers.GetValues("X-Thumbnail-Cache").Single());
                Assert.Equal(TestMedia.ColorAt(t), await MediaInspector.CenterColorAsync(await thumbnail.Content.ReadAsByteArrayAsync(), ".png"));
            }

            using var accepted = await api.Http.PostAsJsonAsync(api.Url($"/api/videos/{video.Id}/trim"), new { start = 0, end = 1, mode = "copy" });
            Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
            var job = (await accepted.Content.ReadFromJsonAsync<JobDto>(VideoApi.Json))!;
            await api.WaitForSuccessAsync(job.Id, TimeSpan.FromSeconds(60));

            // The api still takes traffic (Degraded answers 200); the worker does not use the cache at all.
            using var health = await stack.Http.GetAsync(new Uri(stack.Endpoint("api"), "/health"));
            Assert.Equal(HttpStatusCode.OK, health.StatusCode);
            var body = JsonDocument.Parse(await health.Content.ReadAsStringAsync()).RootElement;
            Assert.Equal("Degraded", body.GetProperty("status").GetString());
            Assert.Equal("Degraded", body.GetProperty("checks").GetProperty("StackExchange.Redis_cache").GetProperty("status").GetString());
            Assert.Equal("Healthy", body.GetProperty("checks").GetProperty("StackExchange.Redis_queue").GetProperty("status").GetString());
            using var workerHealth = await stack.Http.GetAsync(new Uri(stack.Endpoint("worker"), "/health"));
            Assert.Equal(HttpStatusCode.OK, workerHealth.StatusCode);
        }
        finally
        {
            await stack.StartResourceAsync("cache");
        }

        await WaitUntilHealthyAsync("api");
    }

    [Fact]
    public async Task A_video_uploaded_while_the_queue_redis_is_down_gets_its_previews_once_it_is_back()
    {
        var stack = fixture.Stack;
        var api = new VideoApi(stack.Http, stack.Endpoint("api"));
        var media = await TestMedia.GetAsync();

        await stack.App.ResourceCommands.ExecuteCommandAsync("queue", KnownResourceCommands.StopCommand);
        VideoDto video;
        try
        {
            // Stored on disk: the upload needs no Redis, but no preview job can be queued.
            video = await api.UploadAsync(media.Clock);
        }
        finally
        {
            await stack.StartResourceAsync("queue");
        }

        var storyboard = await Poll.UntilAsync(
            async () => (await api.Http.GetAsync(api.Url($"/api/videos/{video.Id}/storyboard.vtt"))).StatusCode,
            status => status == HttpStatusCode.OK,
            TimeSpan.FromSeconds(60));
        Assert.Equal(HttpStatusCode.OK, storyboard);
    }

    [SkippableFact]
    public async Task An_upload_that_finds_the_disk_full_gets_507_leaves_nothing_and_the_next_one_is_stored()
    {
        var stack = fixture.Stack;
        var api = new VideoApi(stack.Http, stack.Endpoint("api"));
        var media = await TestMedia.GetAsync();
        var staging = Path.Combine(stack.DataDirectory, "media", "staging");
        var before = await api.ListIdsAsync();

        await using (await SmallFileSystem.MountAsync(staging, 1024 * 1024))
        {
            using var response = await api.UploadRawAsync(media.Long);

            Assert.Equal(HttpStatusCode.InsufficientStorage, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.Empty(Directory.GetFileSystemEntries(staging));
        }

        Assert.Equal(before, await api.ListIdsAsync());
        var stored = await api.UploadAsync(media.Clock);
        Assert.Contains(stored.Id, await api.ListIdsAsync());
    }

    [Fact]
    public async Task On_SIGTERM_the_api_finishes_the_upload_in_flight_before_it_exits()
    {
        var stack = fixture.Stack;
        var api = new VideoApi(stack.Http, stack.Endpoint("api"));
        var media = await TestMedia.GetAsync();
        var held = new HeldStream(File.OpenRead(media.Clock), holdAfter: 16 * 1024);
        using var content = new MultipartFormDataContent { { new StreamContent(held), "file", "in-flight.mp4" } };
        var staging = Path.Combine(stack.DataDirectory, "media", "staging");
        var upload = api.Http.PostAsync(api.Url("/api/videos"), content);
        await held.Holding;
        // The api has the request when it has made the upload's staging folder.
        await Poll.UntilAsync(() => Task.FromResult(Directory.GetFileSystemEntries(staging).Length), count => count > 0, TimeSpan.FromSeconds(10));

        using var service = Process.GetProcessById(LocalMachine.ServiceProcess(stack.ProcessId("api"), "VideoEditor.Api"));
        VideoDto video;
        try
        {
            var term = await ExternalCommand.RunAsync("kill", ["-TERM", service.Id.ToString(CultureInfo.InvariantCulture)]);
            Assert.Equal(0, term.ExitCode);
            await Task.Delay(TimeSpan.FromSeconds(1)); // The api is shutting down while the upload is still open.
            Assert.False(service.HasExited, "the api quit with a request in flight");
            held.Release();

            using var response = await upload;
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            video = (await response.Content.ReadFromJsonAsync<VideoDto>(VideoApi.Json))!;
            using var exit = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await service.WaitForExitAsync(exit.Token);
        }
        finally
        {
            // Whatever happened, the next test gets a running api.
            if (!service.HasExited)
            {
                service.Kill();
                await service.WaitForExitAsync();
            }

            await stack.StartResourceAsync("api");
        }

        var stored = await api.Http.GetFromJsonAsync<VideoDto>(api.Url($"/api/videos/{video.Id}"), VideoApi.Json);
        Assert.Equal(new FileInfo(media.Clock).Length, stored!.SizeBytes);
    }

    /// <summary>Until the service's health is Healthy again (a Degraded one answers 200 too).</summary>
    private async Task WaitUntilHealthyAsync(string service)
    {
        var stack = fixture.Stack;
        var status = await Poll.UntilAsync(
            async () =>
            {
                // 503 while unhealthy, with the same body.
                using var health = await stack.Http.GetAsync(new Uri(stack.Endpoint(service), "/health"));
                return JsonDocument.Parse(await health.Content.ReadAsStringAsync()).RootElement.GetProperty("status").GetString();
            },
            current => current == "Healthy",
            TimeSpan.FromSeconds(30));
        Assert.Equal("Healthy", status);
    }

    /// <summary>A stream that stops giving bytes after the first <c>holdAfter</c> until released: an upload held open.</summary>
    private sealed class HeldStream(Stream inner, int holdAfter) : Stream
    {
        private readonly TaskCompletionSource _holding = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private long _given;

        public Task Holding => _holding.Task;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => _given; set => throw new NotSupportedException(); }

        public void Release() => _released.TrySetResult();

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (_given >= holdAfter)
            {
                _holding.TrySetResult();
                await _released.Task.WaitAsync(cancellationToken);
            }

            var read = await inner.ReadAsync(_given < holdAfter ? buffer[..(int)Math.Min(buffer.Length, holdAfter - _given)] : buffer, cancellationToken);
            _given += read;
            return read;
        }

        public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
