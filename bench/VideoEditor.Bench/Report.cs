using System.Globalization;
using System.Text;
using System.Text.Json;

namespace VideoEditor.Bench;

/// <summary>Writes BENCHMARKS.md, bench/results/results.json and one .dat file per latency distribution (for the plot).</summary>
public static class Report
{
    private sealed record Row(string Measurement, string Figure, string Floor, string Ratio, string Target, bool Pass);

    public static async Task WriteAsync(Figures figures, string repositoryRoot, string resultsDirectory, string command, string? note, CancellationToken cancellationToken)
    {
        var distributions = new Dictionary<string, IEnumerable<(double Percentile, double Milliseconds)>>
        {
            ["thumbnail-hit"] = figures.ThumbnailHit.Distribution,
            ["thumbnail-hit-floor"] = figures.ThumbnailHitFloor.Distribution,
            ["metadata"] = figures.Metadata.Distribution,
            ["metadata-floor"] = figures.MetadataFloor.Distribution,
            ["first-requests"] = figures.FirstRequests.Distribution,
            ["accurate"] = figures.Accurate.Distribution,
            ["accurate-bare-ffmpeg"] = figures.AccurateBareFFmpeg.Distribution,
            ["load-test"] = figures.Load.Distribution,
            ["telemetry-on"] = figures.TelemetryOn[^1].Distribution,
            ["telemetry-off"] = figures.TelemetryOff[^1].Distribution,
        };
        foreach (var (name, points) in distributions)
        {
            await File.WriteAllLinesAsync(Path.Combine(resultsDirectory, $"{name}.dat"),
                ["# percentile milliseconds", .. points.Select(point => Invariant($"{point.Percentile} {point.Milliseconds:F3}"))], cancellationToken);
        }

        await File.WriteAllTextAsync(Path.Combine(resultsDirectory, "results.json"), JsonSerializer.Serialize(new
        {
            figures.Machine, figures.Started, ElapsedSeconds = figures.Elapsed.TotalSeconds,
            Uploads = figures.Uploads.ToDictionary(pair => pair.Key, pair => new { pair.Value.UploadSeconds, pair.Value.ProcessingSeconds }),
            figures.ThumbnailHit, figures.ThumbnailHitFloor, figures.ThumbnailHitBytes,
            FirstRequests = Summary(figures.FirstRequests), figures.FirstRequestCacheHits, figures.FirstRequestFailures,
            Accurate = Summary(figures.Accurate), AccurateBareFFmpeg = Summary(figures.AccurateBareFFmpeg), figures.AccurateBareCommand,
            figures.Metadata, figures.MetadataFloor,
            figures.Load, figures.LoadDistinctPaths,
            figures.LoadMemory,
            figures.TelemetryOn, figures.TelemetryOff,
        }, new JsonSerializerOptions(JsonSerializerDefaults.Web) { WriteIndented = true }), cancellationToken);

        await File.WriteAllTextAsync(Path.Combine(repositoryRoot, "BENCHMARKS.md"), Markdown(figures, command, note), cancellationToken);
    }

    private static object Summary(LatencySamples samples) => new
    {
        samples.Count, P50 = samples.Percentile(50), P90 = samples.Percentile(90), P99 = samples.Percentile(99), Max = samples.Percentile(100),
    };

    private static List<Row> Rows(Figures f)
    {
        var hit = f.ThumbnailHit.RequestsPerSecond / f.ThumbnailHitFloor.RequestsPerSecond;
        var accurate = f.Accurate.Percentile(99) / f.AccurateBareFFmpeg.Percentile(99);
        var instrumentation = f.TelemetryOn.Average(run => run.RequestsPerSecond) / f.TelemetryOff.Average(run => run.RequestsPerSecond);
        var apiCost = ApiMicroseconds(f.TelemetryOffCpu.Api, f.TelemetryOff[^1]) / ApiMicroseconds(f.TelemetryOnCpu.Api, f.TelemetryOn[^1]);
        var api = f.LoadMemory["api"];
        var worker = f.LoadMemory["worker"];
        return
        [
            new("1. Thumbnail cache hit (wrk, 10 connections)",
                Invariant($"{f.ThumbnailHit.RequestsPerSecond:F0} req/s, p99 {f.ThumbnailHit.PercentileMilliseconds(99):F2} ms ({f.ThumbnailHitBytes} B jpeg)"),
                Invariant($"Redis → bare endpoint: {f.ThumbnailHitFloor.RequestsPerSecond:F0} req/s, p99 {f.ThumbnailHitFloor.PercentileMilliseconds(99):F2} ms"),
                Invariant($"{hit:F2}× (throughput)"), "≥ 0.8× floor", hit >= 0.8),
            new("2. First request, nothing cached (200 distinct t/width, sequential)",
                Invariant($"p99 {f.FirstRequests.Percentile(99):F1} ms (p50 {f.FirstRequests.Percentile(50):F1}, max {f.FirstRequests.Percentile(100):F1}; {f.FirstRequestCacheHits} hits, {f.FirstRequestFailures} failures)"),
                "—", Invariant($"{f.FirstRequests.Percentile(99) / 50:F2}× target"), "p99 < 50 ms", f.FirstRequests.Percentile(99) < 50 && f.FirstRequestFailures == 0),
            new($"3. accurate=true, uncached ({f.Accurate.Count} sequential)",
                Invariant($"p99 {f.Accurate.Percentile(99):F1} ms (p50 {f.Accurate.Percentile(50):F1})"),
                Invariant($"bare ffmpeg, same file/t/width: p99 {f.AccurateBareFFmpeg.Percentile(99):F1} ms (p50 {f.AccurateBareFFmpeg.Percentile(50):F1})"),
                Invariant($"{accurate:F2}× (p99)"), "≤ 1.2× bare ffmpeg", accurate <= 1.2),
            new("4. Metadata GET (wrk, 10 connections)",
                Invariant($"p99 {f.Metadata.PercentileMilliseconds(99):F2} ms, {f.Metadata.RequestsPerSecond:F0} req/s"),
                Invariant($"Redis → bare endpoint: p99 {f.MetadataFloor.PercentileMilliseconds(99):F2} ms, {f.MetadataFloor.RequestsPerSecond:F0} req/s"),
                Invariant($"{f.Metadata.RequestsPerSecond / f.MetadataFloor.RequestsPerSecond:F2}× (throughput)"), "p99 < 5 ms", f.Metadata.PercentileMilliseconds(99) < 5),
            new($"5. Load test: 60 s, 10 connections, {f.LoadDistinctPaths} mixed t/width",
                Invariant($"{f.Load.Errors} errors in {f.Load.Requests} requests ({f.Load.ErrorRate:P2}: {f.Load.Non2xx} non-2xx, {f.Load.SocketErrors} socket); {f.Load.RequestsPerSecond:F0} req/s, p99 {f.Load.PercentileMilliseconds(99):F1} ms; peak RSS api {api.PeakMB:F0} MB (during the load: median {api.MedianSampledMB:F0}, highest {api.HighestSampledMB:F0}), worker {worker.PeakMB:F0} MB (median {worker.MedianSampledMB:F0}, highest {worker.HighestSampledMB:F0})"),
                "—", "—", "0 errors, api RSS < 200 MB", f.Load.Errors == 0 && api.PeakMB < 200),
            new("6. Instrumentation cost (thumbnail hits, wrk)",
                "telemetry on: " + Runs(f.TelemetryOn), "telemetry off: " + Runs(f.TelemetryOff),
                Invariant($"{instrumentation:F2}× (mean throughput)"), "≥ 0.9", instrumentation >= 0.9),
            new("6b. Instrumentation cost in the api itself (the same runs)",
                Invariant($"telemetry on: {ApiMicroseconds(f.TelemetryOnCpu.Api, f.TelemetryOn[^1]):F0} µs of api CPU a request"),
                Invariant($"telemetry off: {ApiMicroseconds(f.TelemetryOffCpu.Api, f.TelemetryOff[^1]):F0} µs"),
                Invariant($"{apiCost:F2}× (off / on CPU a request)"), "≥ 0.9", apiCost >= 0.9),
        ];
    }

    /// <summary>Alternated runs of one load: their mean throughput, each run's, and the worst p99.</summary>
    private static string Runs(List<WrkResult> runs) => Invariant(
        $"{runs.Average(run => run.RequestsPerSecond):F0} req/s (runs: {string.Join(", ", runs.Select(run => Invariant($"{run.RequestsPerSecond:F0}")))}), p99 ≤ {runs.Max(run => run.PercentileMilliseconds(99)):F2} ms");

    private static double ApiMicroseconds(double cpuSeconds, WrkResult run) => 1e6 * cpuSeconds / run.Requests;

    /// <summary>What bounds the figures that missed, from what the run measured beside them.</summary>
    private static IEnumerable<string> Bounds(Figures f)
    {
        if (f.LoadMemoryKinds.Count > 0)
        {
            var kinds = string.Join(", ", f.LoadMemoryKinds.OrderBy(pair => pair.Key, StringComparer.Ordinal).Select(pair => Invariant($"{pair.Key} {pair.Value:F0} MB")));
            yield return $"- (5) the api's memory at the end of the load test, by its own account (`video_editor_memory_usage_bytes`): {kinds}.";
        }

        if (f.LoadMemoryMaps.Count > 0)
        {
            var maps = string.Join(", ", f.LoadMemoryMaps.Select(pair => Invariant($"{pair.Key} {pair.Value:F0} MB")));
            yield return $"- (5) the api's `/proc/<pid>/smaps_rollup` then: {maps}. Pss_Shmem is the runtime's executable (JIT) memory, which W^X maps twice: a writable and an executable view.";
        }

        yield return Invariant($"- (5) the floor app (a bare ASP.NET Core endpoint on the same Redis, no telemetry) peaked at {f.FloorPeakMB:F0} MB RSS under its hit load.");
        yield return Invariant($"- (4) the floor's p99 in the same run, {f.MetadataFloor.PercentileMilliseconds(99):F2} ms, is what 10 connections cost here with wrk, the stack and the floor on 2 cores.");

        var on = f.TelemetryOn[^1];
        var off = f.TelemetryOff[^1];
        yield return Invariant($"- (6) CPU used during each 10 s run: telemetry on, api {f.TelemetryOnCpu.Api:F1} s ({ApiMicroseconds(f.TelemetryOnCpu.Api, on):F0} µs a request) and dashboard (OTLP receiver) {f.TelemetryOnCpu.Dashboard:F1} s; ")
            + Invariant($"telemetry off, api {f.TelemetryOffCpu.Api:F1} s ({ApiMicroseconds(f.TelemetryOffCpu.Api, off):F0} µs a request) and dashboard {f.TelemetryOffCpu.Dashboard:F1} s. Client, stack and dashboard share 2 cores, so CPU the dashboard takes is throughput the api loses (6b).");
    }

    private static string Markdown(Figures f, string command, string? note)
    {
        var m = f.Machine;
        var text = new StringBuilder();
        text.AppendLine("# Benchmarks").AppendLine();
        text.AppendLine("Measured by `bench/run.sh` (see README, \"Benchmark\"): every figure below comes from one run on one machine, so");
        text.AppendLine("compare ratios, not absolute numbers, across machines. Raw results: [bench/results/](bench/results/).").AppendLine();
        if (!string.IsNullOrWhiteSpace(note))
        {
            text.AppendLine($"> {note}").AppendLine();
        }

        text.AppendLine("| | |").AppendLine("|---|---|");
        text.AppendLine(Invariant($"| date | {f.Started:yyyy-MM-dd HH:mm} UTC ({f.Elapsed.TotalMinutes:F1} min) |"));
        text.AppendLine($"| command | `{command}` |");
        text.AppendLine($"| commit | {m.Commit} |");
        text.AppendLine(Invariant($"| machine | {m.Cores} cores, {m.Cpu}, {m.MemoryGiB:F1} GiB RAM |"));
        text.AppendLine($"| software | {m.OperatingSystem}; .NET SDK {m.DotnetSdk} ({m.Runtime}); {m.FFmpeg}; {m.Wrk} |");
        text.AppendLine("| load | wrk: 2 threads, 10 connections, 3 s warm-up then 10 s (load test: 60 s); client, stack and floor share the cores |");
        text.AppendLine();

        text.AppendLine("| measurement | figure | floor (same run) | ratio | target | |");
        text.AppendLine("|---|---|---|---|---|---|");
        foreach (var row in Rows(f))
        {
            text.AppendLine($"| {row.Measurement} | {row.Figure} | {row.Floor} | {row.Ratio} | {row.Target} | **{(row.Pass ? "PASS" : "MISS")}** |");
        }

        text.AppendLine();
        text.AppendLine("Measured beside the figures, to show what bounds them:").AppendLine();
        foreach (var bound in Bounds(f))
        {
            text.AppendLine(bound);
        }

        text.AppendLine();
        text.AppendLine("Where the api's memory goes, what was tried, and how much the figures move between runs: [docs/performance.md](docs/performance.md).");
        text.AppendLine();
        text.AppendLine("![Latency distributions](bench/results/latency.png)").AppendLine();
        text.AppendLine("## How each figure is measured").AppendLine();
        text.AppendLine("- Corpus: 60 s of ffmpeg's `testsrc2` with a tone, H.264/AAC mp4 at 720p and 1080p, a keyframe every 2 s and every 10 s;");
        text.AppendLine("  uploaded through `POST /api/videos`, then the driver waits until upload processing has finished (upload + processing):");
        text.AppendLine("  " + string.Join("; ", f.Uploads.Select(pair => Invariant($"{pair.Key} {pair.Value.UploadSeconds:F1} s + {pair.Value.ProcessingSeconds:F1} s"))) + ".");
        text.AppendLine("- (1) one thumbnail (t=5 s, 320 px) warmed until `X-Thumbnail-Cache: hit`; the floor is `bench/VideoEditor.Bench.Floor`, which");
        text.AppendLine("  GETs a copy of the same bytes from the same Redis and writes them, with nothing else (no telemetry, no validation).");
        text.AppendLine("- (2) right after the uploads, 200 distinct (video, t, width) pairs, `accurate=false`, one request at a time.");
        text.AppendLine("- (3) 10 `accurate=true` requests per video, t late in a keyframe interval; after each, the command line the api runs");
        text.AppendLine($"  (`MediaCommands.Thumbnail`) as a bare process on the same file, e.g. `{f.AccurateBareCommand}`.");
        text.AppendLine("- (4) `GET /api/videos/{id}`; its floor serves a copy of the same JSON from Redis.");
        text.AppendLine("- (5) random paths from `bench/results/load-test-paths.txt` (all four videos, t in tenths of a second, widths 128-640 px);");
        text.AppendLine("  errors are non-2xx answers plus socket errors and timeouts (5 s); peak RSS is VmHWM of the api and worker");
        text.AppendLine("  processes over their whole run up to the end of the load test (ffmpeg children not included), beside the median and");
        text.AppendLine("  highest of their VmRSS sampled every 250 ms during the load.");
        text.AppendLine("- (6) last: the hit load of (1) with OpenTelemetry on (OTLP export to the Aspire dashboard included, which runs on");
        text.AppendLine("  the same cores), then on the api restarted with `Telemetry:Enabled=false` (3 s warm-up each); ratio = on / off.");
        return text.ToString();
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
