using System.Diagnostics.Metrics;

namespace VideoEditor.ServiceDefaults.Telemetry;

/// <summary>
/// Memory, CPU and process gauges, observed when a reader (the Prometheus scrape, the OTLP export) collects.
/// The process metrics carry the names Prometheus client libraries use, so standard dashboards work unchanged.
/// </summary>
internal sealed class SystemMetrics
{
    private static readonly TimeSpan MinimumCpuInterval = TimeSpan.FromSeconds(1);

    private readonly TimeProvider _time;
    private readonly Lock _cpuLock = new();
    private long _lastTimestamp;
    private TimeSpan _lastCpu;
    private double _lastPercent;

    public SystemMetrics(Meter meter, TimeProvider time)
    {
        _time = time;
        _lastTimestamp = time.GetTimestamp();
        _lastCpu = Environment.CpuUsage.TotalTime;
        var startTime = System.Diagnostics.Process.GetCurrentProcess().StartTime.ToUniversalTime();
        var startSeconds = new DateTimeOffset(startTime).ToUnixTimeMilliseconds() / 1000.0;

        meter.CreateObservableGauge(MetricNames.MemoryUsage, ObserveMemory, unit: "By",
            description: "Memory by type: rss (resident set), heap_total (GC heap committed), heap_used (bytes allocated on the GC heap), external (resident memory outside the GC heap)");
        meter.CreateObservableGauge(MetricNames.CpuUsagePercent, ObserveCpuPercent,
            description: "CPU used by the process since the previous observation, as a percentage of all cores (0-100)");
        meter.CreateObservableCounter(MetricNames.ProcessCpu, () => Environment.CpuUsage.TotalTime.TotalSeconds, unit: "s",
            description: "Total user and system CPU time spent");
        meter.CreateObservableGauge(MetricNames.ProcessResidentMemory, () => Environment.WorkingSet, unit: "By",
            description: "Resident memory size");
        meter.CreateObservableGauge(MetricNames.ProcessStartTime, () => startSeconds, unit: "s",
            description: "Start time of the process since the Unix epoch");
        meter.CreateObservableGauge(MetricNames.ProcessOpenFds, ObserveOpenFileDescriptors,
            description: "Number of open file descriptors");
    }

    private static IEnumerable<Measurement<long>> ObserveMemory()
    {
        var rss = Environment.WorkingSet;
        var heapUsed = GC.GetTotalMemory(forceFullCollection: false);
        // Committed memory is read at the last GC; allocations since may already exceed it.
        var heapTotal = Math.Max(GC.GetGCMemoryInfo().TotalCommittedBytes, heapUsed);
        return
        [
            new(rss, new KeyValuePair<string, object?>("type", MetricLabels.Memory.Rss)),
            new(heapTotal, new KeyValuePair<string, object?>("type", MetricLabels.Memory.HeapTotal)),
            new(heapUsed, new KeyValuePair<string, object?>("type", MetricLabels.Memory.HeapUsed)),
            new(Math.Max(0, rss - heapTotal), new KeyValuePair<string, object?>("type", MetricLabels.Memory.External)),
        ];
    }

    /// <summary>
    /// A real percentage over the last interval (not cumulative seconds): CPU time used since the previous
    /// observation over wall time and cores. Observations less than a second apart repeat the last value.
    /// </summary>
    private double ObserveCpuPercent()
    {
        lock (_cpuLock)
        {
            var now = _time.GetTimestamp();
            var elapsed = _time.GetElapsedTime(_lastTimestamp, now);
            if (elapsed < MinimumCpuInterval)
            {
                return _lastPercent;
            }

            var cpu = Environment.CpuUsage.TotalTime;
            _lastPercent = Math.Clamp((cpu - _lastCpu) / elapsed / Environment.ProcessorCount * 100, 0, 100);
            (_lastTimestamp, _lastCpu) = (now, cpu);
            return _lastPercent;
        }
    }

    private static IEnumerable<Measurement<int>> ObserveOpenFileDescriptors()
    {
        const string descriptors = "/proc/self/fd";
        return Directory.Exists(descriptors) ? [new Measurement<int>(Directory.GetFiles(descriptors).Length)] : [];
    }
}
