using System.Diagnostics;
using System.Runtime.InteropServices;
using StackExchange.Redis;
using VideoEditor.Bench;

// The benchmark of issue 5 (README, "Benchmark"): run by bench/run.sh from the repository root, which builds this
// in Release first. Arguments: [--note "text for BENCHMARKS.md"]. Writes BENCHMARKS.md and bench/results/.
var repositoryRoot = Directory.GetCurrentDirectory();
if (!File.Exists(Path.Combine(repositoryRoot, "VideoEditor.sln")))
{
    Console.Error.WriteLine("Run this from the repository root (bench/run.sh does).");
    return 2;
}

var note = args.Length == 2 && args[0] == "--note" ? args[1] : null;
var resultsDirectory = Directory.CreateDirectory(Path.Combine(repositoryRoot, "bench", "results")).FullName;
foreach (var old in Directory.EnumerateFiles(resultsDirectory))
{
    File.Delete(old);
}

// Ctrl+C or a kill stops the measurements, and the stack is still taken down by the disposal below.
using var stop = new CancellationTokenSource();
using var onInterrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, context => { context.Cancel = true; stop.Cancel(); });
using var onTerminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context => { context.Cancel = true; stop.Cancel(); });
var cancellationToken = stop.Token;

var elapsed = Stopwatch.StartNew();
var figures = new Figures { Machine = await Machine.DescribeAsync(repositoryRoot, cancellationToken) };

Console.WriteLine("Corpus...");
var corpus = await Corpus.GetAsync(cancellationToken);

try
{
    await MeasureAsync();
}
catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
{
    Console.Error.WriteLine("Interrupted: the stack is stopped, no report written.");
    return 130;
}

figures.Elapsed = elapsed.Elapsed;
await Report.WriteAsync(figures, repositoryRoot, resultsDirectory, "bench/run.sh" + (note is null ? "" : " --note …"), note, cancellationToken);
Console.WriteLine($"Wrote BENCHMARKS.md and bench/results/ in {elapsed.Elapsed.TotalMinutes:F1} min.");
return 0;

async Task MeasureAsync()
{
    Console.WriteLine("Starting the stack (local mode, Release)...");
    await using var stack = await BenchStack.StartAsync(repositoryRoot, cancellationToken);
    using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(2) };
    var api = new VideoApi(http, stack.Api);
    var wrk = new Wrk(Path.Combine(repositoryRoot, "bench", "wrk", "report.lua"), resultsDirectory);
    await using var redis = await ConnectionMultiplexer.ConnectAsync(await stack.RedisConnectionStringAsync(cancellationToken)
        ?? throw new InvalidOperationException("The stack has no Redis connection string."));
    var run = new BenchmarkRun(stack, api, http, wrk, redis.GetDatabase(), figures, resultsDirectory);

    Console.WriteLine("Uploading the corpus...");
    await run.UploadAsync(corpus, cancellationToken);
    // First requests and accurate ones come first, while nothing is cached; the load test comes last, right after
    // the api's restarts, so that the api's peak RSS is the load test's.
    Console.WriteLine("(2) First requests...");
    await run.FirstRequestsAsync(cancellationToken);
    Console.WriteLine("(3) accurate=true against bare ffmpeg...");
    await run.AccurateAsync(cancellationToken);
    Console.WriteLine("(1) Thumbnail cache hits against the Redis floor...");
    await run.ThumbnailHitsAsync(cancellationToken);
    Console.WriteLine("(4) Metadata...");
    await run.MetadataAsync(cancellationToken);
    Console.WriteLine("(6) Instrumentation cost...");
    await run.InstrumentationCostAsync(cancellationToken);
    Console.WriteLine("(5) Load test...");
    await run.LoadTestAsync(cancellationToken);
    Console.WriteLine("Stopping the stack...");
}
