using System.Diagnostics;
using System.Runtime.InteropServices;
using StackExchange.Redis;
using VideoEditor.Bench;
using VideoEditor.Tests.Support;

// The benchmark of issue 5 (README, "Benchmark"): run by bench/run.sh, which builds this in Release first.
// Arguments: [--note "text for BENCHMARKS.md"]. Writes BENCHMARKS.md and bench/results/.
var repositoryRoot = Repository.Root;

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
var figures = new Figures { Machine = await Machine.DescribeAsync(cancellationToken) };

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
    await using var stack = await BenchStack.StartAsync(cancellationToken);
    using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(2) };
    var api = new VideoApi(http, stack.Api);
    var wrk = new Wrk(Path.Combine(repositoryRoot, "bench", "wrk", "report.lua"), resultsDirectory);
    await using var redis = await ConnectionMultiplexer.ConnectAsync(await stack.RedisConnectionStringAsync(cancellationToken)
        ?? throw new InvalidOperationException("The stack has no Redis connection string."));
    var run = new BenchmarkRun(stack, api, http, wrk, redis.GetDatabase(), figures, resultsDirectory);

    // First requests and accurate ones come first, while nothing is cached; the instrumentation cost comes last,
    // as it restarts the api.
    (string Title, Func<CancellationToken, Task> Step)[] steps =
    [
        ("Uploading the corpus", token => run.UploadAsync(corpus, token)),
        ("(2) First requests", run.FirstRequestsAsync),
        ("(3) accurate=true against bare ffmpeg", run.AccurateAsync),
        ("(1) Thumbnail cache hits against the Redis floor", run.ThumbnailHitsAsync),
        ("(4) Metadata against the Redis floor", run.MetadataAsync),
        ("(5) Load test", run.LoadTestAsync),
        ("(6) Instrumentation cost", run.InstrumentationCostAsync),
    ];
    foreach (var (title, step) in steps)
    {
        Console.WriteLine($"{title}...");
        await step(cancellationToken);
    }

    Console.WriteLine("Stopping the stack...");
}
