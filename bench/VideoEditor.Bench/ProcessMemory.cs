using System.Globalization;
using VideoEditor.Tests.Support;

namespace VideoEditor.Bench;

/// <summary>Resident memory of a process from <c>/proc/{pid}/status</c>.</summary>
public static class ProcessMemory
{
    /// <summary>VmRSS (now) and VmHWM (the peak since the process started), in MB (10⁶ bytes).</summary>
    public static (double RssMB, double PeakRssMB) Read(int pid)
    {
        var (rss, peak) = LocalMachine.Memory(pid);
        return (rss / 1e6, peak / 1e6);
    }

    /// <summary>
    /// The process's memory by kind from <c>/proc/{pid}/smaps_rollup</c>, in MB: Rss, and the proportional set split
    /// into anonymous, file-backed and shared memory (which holds the runtime's double-mapped JIT code).
    /// </summary>
    public static Dictionary<string, double> Kinds(int pid) =>
        File.ReadAllLines($"/proc/{pid}/smaps_rollup")
            .Select(line => line.Split(':', 2))
            .Where(parts => parts.Length == 2 && parts[0] is "Rss" or "Pss_Anon" or "Pss_File" or "Pss_Shmem")
            .ToDictionary(parts => parts[0], parts => double.Parse(parts[1].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024 / 1e6);

    /// <summary>
    /// The process of the service <paramref name="executableName"/> whose environment holds <paramref name="environmentEntry"/>
    /// (e.g. the run's data folder, which no other stack shares). Aspire starts a project with <c>dotnet run</c>, whose
    /// child is the service itself; that child is the one whose command line starts with the service's executable.
    /// </summary>
    public static int? FindService(string executableName, string environmentEntry) =>
        Running(executableName).Where(pid => ReadProcFile(pid, "environ").Split('\0').Contains(environmentEntry)).Select(pid => (int?)pid).FirstOrDefault();

    /// <summary>The processes whose command line starts with the executable <paramref name="executableName"/> (any folder).</summary>
    public static IEnumerable<int> Running(string executableName) =>
        LocalMachine.ProcessesMentioning("/" + executableName)
            .Where(process => process.CommandLine.Split('\0')[0].EndsWith("/" + executableName, StringComparison.Ordinal))
            .Select(process => process.Pid);

    private static string ReadProcFile(int pid, string file)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/{file}");
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // The process ended while we looked, or is not ours.
            return "";
        }
    }
}

/// <summary>Samples the resident memory of processes every 250 ms while a load runs.</summary>
public sealed class MemorySampler : IAsyncDisposable
{
    private readonly Dictionary<string, int> _pids;
    private readonly Dictionary<string, List<double>> _samples;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _sampling;

    public MemorySampler(Dictionary<string, int> pids)
    {
        _pids = pids;
        _samples = pids.Keys.ToDictionary(name => name, _ => new List<double>());
        _sampling = SampleAsync();
    }

    /// <summary>Per process: the median and the highest VmRSS sampled, and its VmHWM (peak over its whole life) at the end.</summary>
    public async Task<Dictionary<string, SampledMemory>> StopAsync()
    {
        await _stop.CancelAsync();
        await _sampling;
        return _pids.ToDictionary(pair => pair.Key, pair =>
        {
            var samples = _samples[pair.Key].Order().ToList();
            return new SampledMemory(samples[samples.Count / 2], samples[^1], ProcessMemory.Read(pair.Value).PeakRssMB);
        });
    }

    private async Task SampleAsync()
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(250));
        do
        {
            foreach (var (name, pid) in _pids)
            {
                _samples[name].Add(ProcessMemory.Read(pid).RssMB);
            }
        }
        while (await timer.WaitForNextTickAsync(_stop.Token).AsTask().ContinueWith(tick => !tick.IsCanceled && tick.Result));
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _sampling;
        _stop.Dispose();
    }
}

/// <summary>A process's resident memory over a load, in MB: the median and highest of the samples, and VmHWM.</summary>
public sealed record SampledMemory(double MedianSampledMB, double HighestSampledMB, double PeakMB);
