using System.Net;
using StackExchange.Redis;
using VideoEditor.Media.FFmpeg;
using VideoEditor.Media.Videos;

namespace VideoEditor.Bench;

/// <summary>The six measurements of issue 5 ("The benchmark"), in one run against one stack.</summary>
public sealed class BenchmarkRun(BenchStack stack, VideoApi api, HttpClient http, Wrk wrk, IDatabase redis, Figures figures, string resultsDirectory)
{
    private static readonly TimeSpan LoadDuration = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan LoadTestDuration = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan ProcessingTimeout = TimeSpan.FromMinutes(5);
    private const int FirstRequestCount = 200;
    private const int AccuratePerVideo = 10;
    private const int LoadTestPathsPerVideo = 100;

    // Thumbnail sizes a player or a timeline asks for; all within a preview size of 640 px.
    private static readonly int[] Widths = [128, 160, 192, 240, 256, 320, 360, 426, 480, 640];

    // Fixed seeds: every run asks for the same (t, width) pairs.
    private readonly Random _random = new(20250105);
    private readonly Dictionary<CorpusVideo, string> _ids = [];

    public async Task UploadAsync(IReadOnlyList<CorpusVideo> corpus, CancellationToken cancellationToken)
    {
        foreach (var video in corpus)
        {
            var started = System.Diagnostics.Stopwatch.StartNew();
            var id = await api.UploadAsync(video.Path, cancellationToken);
            var uploaded = started.Elapsed;
            var processing = await api.WaitUntilProcessedAsync(id, ProcessingTimeout, cancellationToken);
            _ids[video] = id;
            figures.Uploads[video.Name] = (uploaded.TotalSeconds, processing.TotalSeconds);
            Console.WriteLine($"  {video.Name}: uploaded in {uploaded.TotalSeconds:F1} s, processed {processing.TotalSeconds:F1} s later");
        }
    }

    /// <summary>The one thumbnail of the hit loads: 320 px wide at t=5 s of the first video.</summary>
    private string HitPath => VideoApi.ThumbnailPath(_ids.Values.First(), 5, 320, accurate: false);

    /// <summary>(1) Cache hits against the floor: the same bytes from Redis through a bare endpoint.</summary>
    public async Task ThumbnailHitsAsync(CancellationToken cancellationToken)
    {
        var image = await WarmAsync(HitPath, cancellationToken);
        await redis.StringSetAsync("video-editor-bench:floor:thumbnail", image);
        figures.ThumbnailHitBytes = image.Length;
        figures.ThumbnailHit = await wrk.RunAsync("thumbnail-hit", api.Url(HitPath), LoadDuration, cancellationToken);
        figures.ThumbnailHitFloor = await wrk.RunAsync("thumbnail-hit-floor", new Uri(stack.Floor, "/floor/thumbnail"), LoadDuration, cancellationToken);
        figures.FloorPeakMB = stack.FloorPid() is { } floor ? ProcessMemory.Read(floor).PeakRssMB : double.NaN;
    }

    /// <summary>(4) Metadata GET against the floor: the same JSON from Redis through a bare endpoint.</summary>
    public async Task MetadataAsync(CancellationToken cancellationToken)
    {
        var path = VideoApi.VideoPath(_ids.Values.First());
        var json = await api.GetAsync(path, cancellationToken);
        await redis.StringSetAsync("video-editor-bench:floor:metadata", json.Body);
        figures.Metadata = await wrk.RunAsync("metadata", api.Url(path), LoadDuration, cancellationToken);
        figures.MetadataFloor = await wrk.RunAsync("metadata-floor", new Uri(stack.Floor, "/floor/metadata"), LoadDuration, cancellationToken);
    }

    /// <summary>(2) First requests: distinct (t, width) pairs never asked before, one at a time.</summary>
    public async Task FirstRequestsAsync(CancellationToken cancellationToken)
    {
        var pairs = new HashSet<(CorpusVideo, double, int)>();
        var videos = _ids.Keys.ToList();
        while (pairs.Count < FirstRequestCount)
        {
            // This step runs first after the uploads: nothing is cached yet, and the set keeps the pairs distinct.
            var t = Math.Round(_random.NextDouble() * (CorpusVideo.Seconds - 1), 3);
            pairs.Add((videos[pairs.Count % videos.Count], t, Widths[_random.Next(Widths.Length)]));
        }

        foreach (var (video, t, width) in pairs)
        {
            var answer = await api.GetAsync(VideoApi.ThumbnailPath(_ids[video], t, width, accurate: false), cancellationToken);
            figures.FirstRequests.Add(answer.Elapsed);
            figures.FirstRequestCacheHits += answer.Cache == "hit" ? 1 : 0;
            figures.FirstRequestFailures += answer.Status == HttpStatusCode.OK ? 0 : 1;
        }

        Console.WriteLine($"  p50 {figures.FirstRequests.Percentile(50):F1} ms, p99 {figures.FirstRequests.Percentile(99):F1} ms");
    }

    /// <summary>(3) accurate=true, uncached, each followed by the bare ffmpeg command line on the same file, t and width.</summary>
    public async Task AccurateAsync(CancellationToken cancellationToken)
    {
        foreach (var video in _ids.Keys)
        {
            for (var i = 0; i < AccuratePerVideo; i++)
            {
                // Late in a keyframe interval, where an accurate seek decodes the most; distinct from every other step.
                var t = Math.Round(_random.Next(0, CorpusVideo.Seconds / video.KeyframeSeconds) * video.KeyframeSeconds
                    + video.KeyframeSeconds * (0.5 + _random.NextDouble() * 0.45), 3);
                var width = 320;
                var answer = await api.GetAsync(VideoApi.ThumbnailPath(_ids[video], t, width, accurate: true), cancellationToken);
                if (answer.Status != HttpStatusCode.OK || answer.Cache != "miss")
                {
                    throw new InvalidOperationException($"accurate thumbnail at {t} s answered {(int)answer.Status} ({answer.Cache}).");
                }

                figures.Accurate.Add(answer.Elapsed);
                var spec = new ThumbnailSpec(t, width, null, ImageFormat.Jpeg, Accurate: true);
                figures.AccurateBareFFmpeg.Add(await BareFFmpeg.RunThumbnailAsync(video.Path, spec, cancellationToken));
                figures.AccurateBareCommand = $"ffmpeg {BareFFmpeg.ThumbnailArguments(video.Path, spec)}";
            }
        }

        Console.WriteLine($"  api p99 {figures.Accurate.Percentile(99):F1} ms, bare ffmpeg p99 {figures.AccurateBareFFmpeg.Percentile(99):F1} ms");
    }

    /// <summary>(5) The design's load test: mixed t and widths for a minute, with the memory of api and worker sampled.</summary>
    public async Task LoadTestAsync(CancellationToken cancellationToken)
    {
        var paths = _ids.Values.SelectMany(id => Enumerable.Range(0, LoadTestPathsPerVideo).Select(_ =>
                VideoApi.ThumbnailPath(id, Math.Round(_random.NextDouble() * (CorpusVideo.Seconds - 1), 1), Widths[_random.Next(Widths.Length)], accurate: false)))
            .Distinct()
            .ToList();
        figures.LoadDistinctPaths = paths.Count;
        var pathsFile = Path.Combine(resultsDirectory, "load-test-paths.txt");
        await File.WriteAllLinesAsync(pathsFile, paths, cancellationToken);

        await using var sampler = new MemorySampler(new()
        {
            ["api"] = stack.ServicePid(BenchStack.ApiResource) ?? throw new InvalidOperationException("The api process was not found."),
            ["worker"] = stack.ServicePid(BenchStack.WorkerResource) ?? throw new InvalidOperationException("The worker process was not found."),
        });
        figures.Load = await wrk.RunAsync("load-test", stack.Api, LoadTestDuration, cancellationToken, pathsFile, warmUp: false);
        figures.LoadMemory = await sampler.StopAsync();
        await ReadMemoryKindsAsync(cancellationToken);
        figures.LoadMemoryMaps = stack.ServicePid(BenchStack.ApiResource) is { } apiPid ? ProcessMemory.Kinds(apiPid) : [];
    }

    /// <summary>
    /// (6) The thumbnail-hit load with OpenTelemetry on, then off (the api stopped and started with the switch). Once
    /// only: alternating on and off would weigh what else runs on the machine more evenly, but a second start of the
    /// api under Aspire 13.6 sometimes never came (seen twice here), which would lose the whole run's figures.
    /// </summary>
    public async Task InstrumentationCostAsync(CancellationToken cancellationToken)
    {
        (WrkResult Result, (double Api, double Dashboard) Cpu) run;
        run = await RunWithCpuAsync("telemetry-on", cancellationToken);
        figures.TelemetryOn.Add(run.Result);
        figures.TelemetryOnCpu = run.Cpu;
        await stack.RestartApiAsync(telemetryEnabled: false, http, cancellationToken);
        await WarmAsync(HitPath, cancellationToken);
        run = await RunWithCpuAsync("telemetry-off", cancellationToken);
        figures.TelemetryOff.Add(run.Result);
        figures.TelemetryOffCpu = run.Cpu;
    }

    /// <summary>The hit load, with the CPU seconds the api and the dashboard used meanwhile.</summary>
    private async Task<(WrkResult Result, (double Api, double Dashboard) Cpu)> RunWithCpuAsync(string name, CancellationToken cancellationToken)
    {
        var (apiPid, dashboardPid) = (stack.ServicePid(BenchStack.ApiResource), BenchStack.DashboardPid() ?? throw new InvalidOperationException("The dashboard process was not found."));
        var (apiBefore, dashboardBefore) = (ProcessCpu.Seconds(apiPid), ProcessCpu.Seconds(dashboardPid));
        var result = await wrk.RunAsync(name, api.Url(HitPath), LoadDuration, cancellationToken);
        return (result, (ProcessCpu.Seconds(apiPid) - apiBefore, ProcessCpu.Seconds(dashboardPid) - dashboardBefore));
    }

    /// <summary>The api's own account of its memory (rss, GC heap committed and used, the rest) in MB.</summary>
    private async Task ReadMemoryKindsAsync(CancellationToken cancellationToken)
    {
        var scrape = await http.GetStringAsync(api.Url("/metrics"), cancellationToken);
        foreach (var line in scrape.Split('\n').Where(line => line.StartsWith("video_editor_memory_usage_bytes{", StringComparison.Ordinal)))
        {
            var kind = line[(line.IndexOf("type=\"", StringComparison.Ordinal) + 6)..];
            kind = kind[..kind.IndexOf('"', StringComparison.Ordinal)];
            figures.LoadMemoryKinds[kind] = double.Parse(line[(line.LastIndexOf('}') + 2)..].Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture) / 1e6;
        }
    }

    /// <summary>Asks for a thumbnail until the cache answers it, and returns its bytes.</summary>
    private async Task<byte[]> WarmAsync(string path, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var answer = await api.GetAsync(path, cancellationToken);
            if (answer.Status == HttpStatusCode.OK && answer.Cache == "hit")
            {
                return answer.Body;
            }
        }

        throw new InvalidOperationException($"{path} is not answered from the cache.");
    }
}
