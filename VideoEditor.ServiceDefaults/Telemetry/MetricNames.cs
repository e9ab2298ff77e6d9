namespace VideoEditor.ServiceDefaults.Telemetry;

/// <summary>
/// Every metric the services publish, in one place. The OpenTelemetry Prometheus exporter turns
/// <c>a.b_c</c> with unit <c>s</c> into <c>a_b_c_seconds</c> and adds <c>_total</c> to counters; the
/// Prometheus names (documented in docs/metrics.md) are given beside each one.
/// </summary>
public static class MetricNames
{
    // Thumbnails (api)
    public const string ThumbnailDuration = "video_editor.thumbnail.duration";            // video_editor_thumbnail_duration_seconds
    public const string ThumbnailRequests = "video_editor.thumbnail.requests";            // video_editor_thumbnail_requests_total
    public const string ThumbnailCacheHitRatio = "video_editor.thumbnail.cache_hit_ratio"; // video_editor_thumbnail_cache_hit_ratio
    public const string ThumbnailCacheHits = "video_editor.thumbnail.cache_hits";          // video_editor_thumbnail_cache_hits_total
    public const string ThumbnailCacheMisses = "video_editor.thumbnail.cache_misses";      // video_editor_thumbnail_cache_misses_total
    public const string ThumbnailErrors = "video_editor.thumbnail.errors";                // video_editor_thumbnail_errors_total
    public const string ThumbnailRenders = "video_editor.thumbnail.renders";              // video_editor_thumbnail_renders_total

    // Metadata (api)
    public const string MetadataDuration = "video_editor.metadata.duration";              // video_editor_metadata_duration_seconds
    public const string MetadataRequests = "video_editor.metadata.requests";              // video_editor_metadata_requests_total
    public const string MetadataErrors = "video_editor.metadata.errors";                  // video_editor_metadata_errors_total

    // HTTP API (api)
    public const string ApiLatency = "video_editor.api.latency";                          // video_editor_api_latency_seconds
    public const string ApiRequests = "video_editor.api.requests";                        // video_editor_api_requests_total
    public const string ApiErrors = "video_editor.api.errors";                            // video_editor_api_errors_total

    // FFmpeg (api: thumbnails and probes; worker: jobs)
    public const string FFmpegDuration = "video_editor.ffmpeg.duration";                  // video_editor_ffmpeg_duration_seconds
    public const string FFmpegErrors = "video_editor.ffmpeg.errors";                      // video_editor_ffmpeg_errors_total

    // Jobs (worker)
    public const string JobsQueued = "video_editor.jobs.queued";                          // video_editor_jobs_queued
    public const string JobsRunning = "video_editor.jobs.running";                        // video_editor_jobs_running
    public const string JobsOldestQueuedAge = "video_editor.jobs.oldest_queued_age";      // video_editor_jobs_oldest_queued_age_seconds
    public const string JobsCompleted = "video_editor.jobs.completed";                    // video_editor_jobs_completed_total
    public const string JobDuration = "video_editor.job.duration";                        // video_editor_job_duration_seconds

    // System (every service)
    public const string MemoryUsage = "video_editor.memory_usage";                        // video_editor_memory_usage_bytes
    public const string CpuUsagePercent = "video_editor.cpu_usage_percent";               // video_editor_cpu_usage_percent
    public const string ThreadPoolSchedulingDelay = "video_editor.threadpool.scheduling_delay"; // video_editor_threadpool_scheduling_delay_seconds

    // Process, with the names Prometheus client libraries use (every service)
    public const string ProcessCpu = "process.cpu";                                       // process_cpu_seconds_total
    public const string ProcessResidentMemory = "process.resident_memory";                // process_resident_memory_bytes
    public const string ProcessStartTime = "process.start_time";                          // process_start_time_seconds
    public const string ProcessOpenFds = "process.open_fds";                              // process_open_fds
}
