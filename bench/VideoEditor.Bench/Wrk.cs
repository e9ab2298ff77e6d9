using System.Text.Json;
using VideoEditor.Tests.Support;

namespace VideoEditor.Bench;

/// <summary>What one wrk run measured (its latencies in microseconds, as wrk reports them).</summary>
public sealed record WrkResult(
    long DurationMicroseconds, long Requests, long Bytes, long ConnectErrors, long ReadErrors, long WriteErrors, long Timeouts,
    long Non2xx, double MeanMicroseconds, long MaxMicroseconds, double[][] Percentiles)
{
    public double RequestsPerSecond => Requests / (DurationMicroseconds / 1e6);
    public long SocketErrors => ConnectErrors + ReadErrors + WriteErrors + Timeouts;
    public long Errors => SocketErrors + Non2xx;
    public double ErrorRate => Requests == 0 ? 1 : (double)Errors / Requests;

    public double PercentileMilliseconds(double percentile) =>
        Percentiles.First(point => point[0] >= percentile)[1] / 1000;

    /// <summary>(percentile, milliseconds) points of the latency distribution, for the plot.</summary>
    public IEnumerable<(double Percentile, double Milliseconds)> Distribution =>
        Percentiles.Select(point => (point[0], point[1] / 1000));
}

/// <summary>
/// Runs wrk with bench/wrk/report.lua, which prints a JSON summary. Every load in the benchmark uses the same shape:
/// 2 threads (the machine's cores), 10 connections, a warm-up run first (3 s) whose figures are thrown away.
/// </summary>
public sealed class Wrk(string reportScript, string resultsDirectory)
{
    public const int Connections = 10;
    private const int Threads = 2;
    private static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(3);

    /// <summary>Loads <paramref name="url"/> (or, with <paramref name="pathsFile"/>, random paths from it on that host) for <paramref name="duration"/>.</summary>
    public async Task<WrkResult> RunAsync(
        string name, Uri url, TimeSpan duration, CancellationToken cancellationToken, string? pathsFile = null, bool warmUp = true)
    {
        if (warmUp)
        {
            await RunOnceAsync(url, WarmUp, pathsFile, cancellationToken);
        }

        var (result, output) = await RunOnceAsync(url, duration, pathsFile, cancellationToken);
        await File.WriteAllTextAsync(Path.Combine(resultsDirectory, $"wrk-{name}.txt"), output, cancellationToken);
        Console.WriteLine($"  {name}: {result.RequestsPerSecond:F0} requests/s, p99 {result.PercentileMilliseconds(99):F2} ms, {result.Errors} errors");
        return result;
    }

    private async Task<(WrkResult Result, string Output)> RunOnceAsync(Uri url, TimeSpan duration, string? pathsFile, CancellationToken cancellationToken)
    {
        var run = await ExternalCommand.RunAsync("wrk",
            ["-t", $"{Threads}", "-c", $"{Connections}", "-d", $"{(int)duration.TotalSeconds}s", "--timeout", "5s", "--latency", "-s", reportScript, url.ToString()],
            new Dictionary<string, string?> { ["BENCH_PATHS"] = pathsFile ?? "" }, timeout: duration + TimeSpan.FromMinutes(1), cancellationToken: cancellationToken);
        const string marker = "BENCH-JSON ";
        var line = run.Output.Split('\n').FirstOrDefault(text => text.StartsWith(marker, StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"wrk printed no summary (exit {run.ExitCode}):\n{run.Output}\n{run.Error}");
        var result = JsonSerializer.Deserialize<WrkResult>(line[marker.Length..], new JsonSerializerOptions(JsonSerializerDefaults.Web))!;
        return (result, run.Output);
    }
}
