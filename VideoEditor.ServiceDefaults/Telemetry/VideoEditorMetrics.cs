using System.Diagnostics.Metrics;

namespace VideoEditor.ServiceDefaults.Telemetry;

/// <summary>
/// The instruments of <see cref="MetricNames"/>, created once per service on the service's meter. Every label has
/// a small fixed set of values (<see cref="MetricLabels"/>); callers pass those, never free text.
/// </summary>
public sealed class VideoEditorMetrics
{
    // Bucket bounds in seconds, chosen around each operation's budget.
    private static readonly double[] ThumbnailBuckets = [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
    private static readonly double[] MetadataBuckets = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1];
    private static readonly double[] ApiBuckets = [0.01, 0.05, 0.1, 0.5, 1, 2, 5, 10];
    private static readonly double[] FFmpegBuckets = [0.1, 0.5, 1, 2, 5, 10, 30, 60, 120];
    private static readonly double[] JobBuckets = [0.5, 1, 2, 5, 10, 30, 60, 120, 300, 600, 1800, 3600];
    private static readonly double[] SchedulingDelayBuckets = [0.0001, 0.0005, 0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1];

    private readonly Histogram<double> _thumbnailDuration;
    private readonly Counter<long> _thumbnailRequests;
    private readonly Counter<long> _thumbnailCacheHits;
    private readonly Counter<long> _thumbnailCacheMisses;
    private readonly Counter<long> _thumbnailErrors;
    private readonly Counter<long> _thumbnailRenders;
    private readonly Histogram<double> _metadataDuration;
    private readonly Counter<long> _metadataRequests;
    private readonly Counter<long> _metadataErrors;
    private readonly Histogram<double> _apiLatency;
    private readonly Counter<long> _apiRequests;
    private readonly Counter<long> _apiErrors;
    private readonly Histogram<double> _ffmpegDuration;
    private readonly Counter<long> _ffmpegErrors;
    private readonly Counter<long> _jobsCompleted;
    private readonly Histogram<double> _jobDuration;
    private long _cacheHits;
    private long _cacheMisses;
    private (long Queued, long Running, double OldestAgeSeconds)? _queue;

    public VideoEditorMetrics(VideoEditorInstrumentation instrumentation, TimeProvider time)
    {
        var meter = instrumentation.Meter;
        _ = new SystemMetrics(meter, time);

        _thumbnailDuration = Seconds(meter, MetricNames.ThumbnailDuration, "Time to answer a thumbnail request that reached the cache", ThumbnailBuckets);
        _thumbnailRequests = meter.CreateCounter<long>(MetricNames.ThumbnailRequests, description: "Thumbnail requests by outcome");
        _thumbnailCacheHits = meter.CreateCounter<long>(MetricNames.ThumbnailCacheHits, description: "Thumbnails served from the cache");
        _thumbnailCacheMisses = meter.CreateCounter<long>(MetricNames.ThumbnailCacheMisses, description: "Thumbnails not in the cache, made from the preview keyframes or by ffmpeg");
        _thumbnailErrors = meter.CreateCounter<long>(MetricNames.ThumbnailErrors, description: "Failed thumbnail requests by cause");
        _thumbnailRenders = meter.CreateCounter<long>(MetricNames.ThumbnailRenders, description: "Thumbnails made on a cache miss, by source: preview keyframes or ffmpeg");
        meter.CreateObservableGauge(MetricNames.ThumbnailCacheHitRatio, CacheHitRatio, description: "Cache hits / (hits + misses) since the process started");

        _metadataDuration = Seconds(meter, MetricNames.MetadataDuration, "Time to answer a video metadata request", MetadataBuckets);
        _metadataRequests = meter.CreateCounter<long>(MetricNames.MetadataRequests, description: "Video metadata requests by outcome");
        _metadataErrors = meter.CreateCounter<long>(MetricNames.MetadataErrors, description: "Failed video metadata requests by cause");

        _apiLatency = Seconds(meter, MetricNames.ApiLatency, "Time to answer an /api request", ApiBuckets);
        _apiRequests = meter.CreateCounter<long>(MetricNames.ApiRequests, description: "/api requests by route and status code");
        _apiErrors = meter.CreateCounter<long>(MetricNames.ApiErrors, description: "/api answers of 400 and above by route and cause");

        _ffmpegDuration = Seconds(meter, MetricNames.FFmpegDuration, "Duration of one ffmpeg or ffprobe run", FFmpegBuckets);
        _ffmpegErrors = meter.CreateCounter<long>(MetricNames.FFmpegErrors, description: "ffmpeg runs that failed or timed out");

        _jobsCompleted = meter.CreateCounter<long>(MetricNames.JobsCompleted, description: "Jobs finished, by type and outcome");
        _jobDuration = Seconds(meter, MetricNames.JobDuration, "Time from a job's start to its end", JobBuckets);
        meter.CreateObservableGauge(MetricNames.JobsQueued, () => Queue(state => state.Queued), description: "Jobs waiting for a worker");
        meter.CreateObservableGauge(MetricNames.JobsRunning, () => Queue(state => state.Running), description: "Jobs a worker has taken and not finished");
        meter.CreateObservableGauge(MetricNames.JobsOldestQueuedAge, () => Queue(state => state.OldestAgeSeconds), unit: "s",
            description: "How long the oldest waiting job has waited (0 when none waits)");

        SchedulingDelay = Seconds(meter, MetricNames.ThreadPoolSchedulingDelay, "Delay between queuing a work item on the thread pool and its start", SchedulingDelayBuckets);
    }

    /// <summary>Recorded by <see cref="ThreadPoolLagMonitor"/>, which also creates this class at start.</summary>
    internal Histogram<double> SchedulingDelay { get; }

    public void ThumbnailServed(TimeSpan elapsed, string status, bool cacheHit)
    {
        var cache = cacheHit ? MetricLabels.Cache.Hit : MetricLabels.Cache.Miss;
        _thumbnailDuration.Record(elapsed.TotalSeconds, new("status", status), new("cache", cache));
        _thumbnailRequests.Add(1, new KeyValuePair<string, object?>("status", status));
        if (cacheHit)
        {
            Interlocked.Increment(ref _cacheHits);
            _thumbnailCacheHits.Add(1);
        }
        else
        {
            Interlocked.Increment(ref _cacheMisses);
            _thumbnailCacheMisses.Add(1);
        }
    }

    /// <summary>A thumbnail request answered before the cache was asked (304, or refused).</summary>
    public void ThumbnailAnswered(string status) => _thumbnailRequests.Add(1, new KeyValuePair<string, object?>("status", status));

    /// <summary>A thumbnail made on a cache miss, from <paramref name="source"/> (one of <see cref="MetricLabels.Source"/>).</summary>
    public void ThumbnailRendered(string source) => _thumbnailRenders.Add(1, new KeyValuePair<string, object?>("source", source));

    public void ThumbnailFailed(string errorType) => _thumbnailErrors.Add(1, new KeyValuePair<string, object?>("error_type", errorType));

    public void MetadataServed(TimeSpan elapsed, string status)
    {
        _metadataDuration.Record(elapsed.TotalSeconds, new KeyValuePair<string, object?>("status", status));
        _metadataRequests.Add(1, new KeyValuePair<string, object?>("status", status));
    }

    public void MetadataFailed(string errorType) => _metadataErrors.Add(1, new KeyValuePair<string, object?>("error_type", errorType));

    public void ApiAnswered(TimeSpan elapsed, string method, string route, int statusCode, string? errorType)
    {
        var code = statusCode.ToString(System.Globalization.CultureInfo.InvariantCulture);
        _apiLatency.Record(elapsed.TotalSeconds, new("method", method), new("route", route), new("status_code", code));
        _apiRequests.Add(1, new("method", method), new("route", route), new("status_code", code));
        if (errorType is not null)
        {
            _apiErrors.Add(1, new("method", method), new("route", route), new("error_type", errorType));
        }
    }

    public void FFmpegRan(string operation, TimeSpan elapsed, string status)
    {
        _ffmpegDuration.Record(elapsed.TotalSeconds, new("operation", operation), new("status", status));
        if (status is MetricLabels.Status.Error or MetricLabels.Status.Timeout)
        {
            _ffmpegErrors.Add(1, new("operation", operation), new("error_type", status == MetricLabels.Status.Timeout ? MetricLabels.ErrorType.Timeout : MetricLabels.ErrorType.FFmpegFailed));
        }
    }

    public void JobFinished(string type, string status, TimeSpan elapsed)
    {
        _jobsCompleted.Add(1, new("type", type), new("status", status));
        _jobDuration.Record(elapsed.TotalSeconds, new("type", type), new("status", status));
    }

    /// <summary>The queue as last sampled by the worker; the gauges stay absent until a first sample.</summary>
    public void QueueSampled(long queued, long running, TimeSpan oldestQueuedAge) => _queue = (queued, running, oldestQueuedAge.TotalSeconds);

    private IEnumerable<Measurement<T>> Queue<T>(Func<(long Queued, long Running, double OldestAgeSeconds), T> select) where T : struct =>
        _queue is { } state ? [new Measurement<T>(select(state))] : [];

    private IEnumerable<Measurement<double>> CacheHitRatio()
    {
        var hits = Interlocked.Read(ref _cacheHits);
        var total = hits + Interlocked.Read(ref _cacheMisses);
        return total == 0 ? [] : [new Measurement<double>((double)hits / total)];
    }

    private static Histogram<double> Seconds(Meter meter, string name, string description, double[] buckets) =>
        meter.CreateHistogram(name, unit: "s", description: description, tags: null, advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = buckets });
}
