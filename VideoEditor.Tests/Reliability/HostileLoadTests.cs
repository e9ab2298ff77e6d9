using System.Collections.Concurrent;
using Aspire.Hosting;
using Aspire.Hosting.Testing;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using VideoEditor.Tests.Jobs;
using VideoEditor.Tests.Support;
using Xunit.Abstractions;

namespace VideoEditor.Tests.Reliability;

/// <summary>
/// Clients that try to take the api down with the worst requests it allows, while an ordinary client goes on with
/// its everyday reads: the api's memory stays inside its budget, the ordinary client is answered every time, and
/// afterwards, the hostile clients' videos deleted, nothing of theirs is left on disk or in Redis. The stack's api
/// does not limit request rates here (JobStackFixture), so every request reaches the work it asks for.
/// </summary>
[Trait("Category", "Stack")]
[Collection(HostileLoadCollection.Name)]
public sealed class HostileLoadTests(JobStackFixture fixture, ITestOutputHelper output)
{
    /// <summary>The design's memory budget of the api.</summary>
    private const long MemoryBudgetBytes = 200L << 20;

    private static readonly TimeSpan Duration = TimeSpan.FromSeconds(30);

    /// <summary>A 20 MB split request: five million cut points.</summary>
    private static readonly Lazy<byte[]> HugeSplit = new(() => Encoding.ASCII.GetBytes($"{{\"at\":[{string.Join(',', Enumerable.Repeat("1.5", 5_000_000))}]}}"));

    private readonly ConcurrentDictionary<string, ConcurrentBag<HttpStatusCode>> _answers = new();
    private readonly ConcurrentBag<string> _hostileVideos = [];

    [Fact]
    public async Task Hostile_clients_leave_the_api_inside_its_memory_budget_an_ordinary_client_served_and_nothing_behind()
    {
        var stack = fixture.Stack;
        var api = new VideoApi(stack.Http, stack.Endpoint("api"));
        // A tag-bombed upload's probe takes seconds of CPU (ffmpeg reads its 20 000 tags in quadratic time) and waits
        // behind the others for an ffmpeg slot: the hostile clients wait longer for their answers than the usual 30 s.
        using var patient = new HttpClient { Timeout = TimeSpan.FromMinutes(3) };
        var hostileApi = new VideoApi(patient, stack.Endpoint("api"));
        var media = await TestMedia.GetAsync();
        var ordinaryVideo = await UploadWhenServedAsync(api, media.Clock);
        var target = await UploadWhenServedAsync(api, media.Long);
        var videosBefore = Directory.GetDirectories(Path.Combine(stack.DataDirectory, "media", "videos")).Length;
        var apiProcess = LocalMachine.ServiceProcess(stack.ProcessId("api"), "VideoEditor.Api");

        // Clients start no request after the stop, but those under way run to their answer; slow uploads are dropped.
        using var stop = new CancellationTokenSource(Duration);
        using var finished = new CancellationTokenSource();
        var peakRss = 0L;
        var sampler = Task.Run(async () =>
        {
            while (!finished.IsCancellationRequested)
            {
                peakRss = Math.Max(peakRss, LocalMachine.Memory(apiProcess).RssBytes);
                await Task.Delay(100, CancellationToken.None);
            }
        });
        var ordinary = OrdinaryClientAsync(api, ordinaryVideo, finished.Token);
        Task[] hostile =
        [
            // Cache-busting full-size accurate PNGs: a new ffmpeg run each, as many as the gate lets in.
            .. Enumerable.Range(0, 4).Select(client => RepeatAsync("full-size png", stop.Token, () => GetAsync(hostileApi,
                $"/api/videos/{target.Id}/thumbnail?t={Random.Shared.Next(0, 89_000) / 1000.0:0.000}&format=png&accurate=true"))),
            RepeatAsync("huge size", stop.Token, () => GetAsync(hostileApi, $"/api/videos/{target.Id}/thumbnail?t=1&width=8192&height=8192&format=png")),
            RepeatAsync("huge body", stop.Token, () => PostAsync(hostileApi, $"/api/videos/{target.Id}/split", HugeSplitBody())),
            RepeatAsync("tag-bombed upload", stop.Token, () => UploadAsync(hostileApi, media.TagBombed)),
            RepeatAsync("all-intra upload", stop.Token, () => UploadAsync(hostileApi, media.AllIntra)),
            .. Enumerable.Range(0, 3).Select(_ => SlowUploadAsync(stack.Endpoint("api"), stop.Token)),
        ];

        await Task.WhenAll(hostile);
        await finished.CancelAsync();
        var ordinaryAnswers = await ordinary;
        await sampler;

        // Afterwards: the hostile clients' videos deleted once their previews are made (or given up on).
        foreach (var videoId in _hostileVideos)
        {
            await WaitForPreviewJobAsync(api, videoId);
            using var deleted = await api.Http.DeleteAsync(api.Url($"/api/videos/{videoId}"));
            Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        }

        var report = new StringBuilder()
            .AppendLine(CultureInfo.InvariantCulture, $"{Duration.TotalSeconds:0} s; api peak RSS {peakRss >> 20} MB (budget {MemoryBudgetBytes >> 20} MB)")
            .AppendLine(CultureInfo.InvariantCulture, $"ordinary client: {ordinaryAnswers.Count} requests, slowest {ordinaryAnswers.Max(answer => answer.Elapsed).TotalMilliseconds:0} ms, statuses {Statuses(ordinaryAnswers.Select(answer => answer.Status))}");
        foreach (var (name, answers) in _answers.OrderBy(pair => pair.Key))
        {
            report.AppendLine(CultureInfo.InvariantCulture, $"{name}: {Statuses(answers)}");
        }

        output.WriteLine(report.ToString());
        Assert.True(peakRss < MemoryBudgetBytes, report.ToString());
        Assert.All(ordinaryAnswers, answer => Assert.Equal(HttpStatusCode.OK, answer.Status));
        Assert.All(_answers["huge size"], status => Assert.Equal(HttpStatusCode.BadRequest, status));
        Assert.All(_answers["huge body"], status => Assert.Equal(HttpStatusCode.RequestEntityTooLarge, status));
        Assert.NotEmpty(_hostileVideos);

        var mediaFolder = Path.Combine(stack.DataDirectory, "media");
        await Poll.UntilAsync(() => Task.FromResult(Directory.GetFileSystemEntries(Path.Combine(mediaFolder, "staging"))), entries => entries.Length == 0, TimeSpan.FromSeconds(10));
        Assert.Empty(Directory.GetFileSystemEntries(Path.Combine(mediaFolder, "staging")));
        Assert.Empty(Directory.GetFileSystemEntries(Path.Combine(mediaFolder, "preview-staging")));
        Assert.Equal(videosBefore, Directory.GetDirectories(Path.Combine(mediaFolder, "videos")).Length);
        var redis = await StackExchange.Redis.ConnectionMultiplexer.ConnectAsync((await stack.App.GetConnectionStringAsync("cache"))!);
        await using (redis)
        {
            var server = redis.GetServers().Single();
            Assert.All(_hostileVideos, videoId => Assert.Empty(server.Keys(pattern: $"video-editor:thumbnails:{videoId}*")));
        }
    }

    private static ByteArrayContent HugeSplitBody()
    {
        var content = new ByteArrayContent(HugeSplit.Value);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        return content;
    }

    /// <summary>The test's own uploads, before the load: a busy api (the previous test's work still under way) is asked again.</summary>
    private static async Task<VideoDto> UploadWhenServedAsync(VideoApi api, string file)
    {
        for (var attempt = 1; ; attempt++)
        {
            using var response = await api.UploadRawAsync(file);
            if (response.StatusCode != HttpStatusCode.ServiceUnavailable || attempt == 20)
            {
                Assert.Equal(HttpStatusCode.Created, response.StatusCode);
                return (await response.Content.ReadFromJsonAsync<VideoDto>(VideoApi.Json))!;
            }

            await Task.Delay(response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(1));
        }
    }

    /// <summary>Metadata and a cached small thumbnail of its own video, ten a second, each timed.</summary>
    private static async Task<List<(HttpStatusCode Status, TimeSpan Elapsed)>> OrdinaryClientAsync(VideoApi api, VideoDto video, CancellationToken stop)
    {
        var answers = new List<(HttpStatusCode, TimeSpan)>();
        while (!stop.IsCancellationRequested)
        {
            foreach (var path in new[] { $"/api/videos/{video.Id}", $"/api/videos/{video.Id}/thumbnail?t=1&width=160" })
            {
                var started = Stopwatch.GetTimestamp();
                using var response = await api.Http.GetAsync(api.Url(path), CancellationToken.None);
                answers.Add((response.StatusCode, Stopwatch.GetElapsedTime(started)));
            }

            await Task.Delay(100, CancellationToken.None);
        }

        return answers;
    }

    private async Task RepeatAsync(string name, CancellationToken stop, Func<Task<HttpStatusCode>> send)
    {
        var answers = _answers.GetOrAdd(name, _ => []);
        while (!stop.IsCancellationRequested)
        {
            answers.Add(await send());
        }
    }

    private static async Task<HttpStatusCode> GetAsync(VideoApi api, string path)
    {
        using var response = await api.Http.GetAsync(api.Url(path), HttpCompletionOption.ResponseHeadersRead);
        return response.StatusCode;
    }

    private static async Task<HttpStatusCode> PostAsync(VideoApi api, string path, HttpContent content)
    {
        try
        {
            using var response = await api.Http.PostAsync(api.Url(path), content);
            return response.StatusCode;
        }
        catch (HttpRequestException)
        {
            // The api answered 413 and closed the connection while the body was still being sent.
            return HttpStatusCode.RequestEntityTooLarge;
        }
    }

    private async Task<HttpStatusCode> UploadAsync(VideoApi api, string file)
    {
        using var response = await api.Http.PostAsync(api.Url("/api/videos"),
            new MultipartFormDataContent { { new StreamContent(File.OpenRead(file)), "file", Path.GetFileName(file) } });
        if (response.StatusCode == HttpStatusCode.Created)
        {
            _hostileVideos.Add((await response.Content.ReadFromJsonAsync<VideoDto>(VideoApi.Json))!.Id);
        }

        return response.StatusCode;
    }

    /// <summary>An upload promising 50 MB that trickles 16 KB every half second, dropped when the test ends.</summary>
    private static async Task SlowUploadAsync(Uri api, CancellationToken stop)
    {
        const string boundary = "----slow";
        using var client = new TcpClient();
        await client.ConnectAsync(api.Host, api.Port, CancellationToken.None);
        var stream = client.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(
            $"POST /api/videos HTTP/1.1\r\nHost: {api.Authority}\r\nContent-Type: multipart/form-data; boundary={boundary}\r\nContent-Length: {50 << 20}\r\n\r\n" +
            $"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"slow.mp4\"\r\nContent-Type: video/mp4\r\n\r\n"), CancellationToken.None);
        try
        {
            while (!stop.IsCancellationRequested)
            {
                await stream.WriteAsync(new byte[16 * 1024], CancellationToken.None);
                await Task.Delay(500, stop);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
    }

    private static async Task WaitForPreviewJobAsync(VideoApi api, string videoId)
    {
        for (var attempt = 0; attempt < 600; attempt++)
        {
            // Answered without Retry-After: made, or never to be made.
            using var cues = await api.Http.GetAsync(api.Url($"/api/videos/{videoId}/storyboard.vtt"));
            if (cues.Headers.RetryAfter is null)
            {
                return;
            }

            await Task.Delay(200);
        }
    }

    private static string Statuses(IEnumerable<HttpStatusCode> statuses) =>
        string.Join(", ", statuses.GroupBy(status => (int)status).OrderBy(group => group.Key).Select(group => $"{group.Key} ×{group.Count()}"));
}

/// <summary>
/// Runs alone, after the parallel collections, on a job stack of its own: its clients take both cores for a minute,
/// and a fault test's 10 s job beside it ran out of time (a red run). Alone, its memory and latency are its own too.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class HostileLoadCollection : ICollectionFixture<JobStackFixture>
{
    public const string Name = "Hostile load";
}
