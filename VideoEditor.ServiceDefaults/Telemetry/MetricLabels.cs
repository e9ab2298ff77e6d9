namespace VideoEditor.ServiceDefaults.Telemetry;

/// <summary>
/// Every value a label of <see cref="MetricNames"/> takes, in one place (docs/metrics.md lists the same sets). Callers pass
/// these constants, never free text, so every label keeps a small fixed set of values.
/// </summary>
public static class MetricLabels
{
    /// <summary><c>status</c> of the thumbnail, metadata and ffmpeg metrics.</summary>
    public static class Status
    {
        public const string Success = "success";
        public const string Error = "error";
        public const string NotModified = "not_modified";
        public const string NotFound = "not_found";
        public const string Timeout = "timeout";
        public const string Canceled = "canceled";
    }

    /// <summary><c>cache</c> of the thumbnail duration.</summary>
    public static class Cache
    {
        public const string Hit = "hit";
        public const string Miss = "miss";
    }

    /// <summary><c>source</c>: what a thumbnail missing from the cache was made from.</summary>
    public static class Source
    {
        public const string Preview = "preview";
        public const string FFmpeg = "ffmpeg";
    }

    /// <summary><c>error_type</c> of the thumbnail, metadata and ffmpeg error counters.</summary>
    public static class ErrorType
    {
        public const string InvalidRequest = "invalid_request";
        public const string NotFound = "not_found";
        public const string Busy = "busy";
        public const string Timeout = "timeout";
        public const string FFmpegFailed = "ffmpeg_failed";
        public const string TooLarge = "too_large";
        public const string Canceled = "canceled";
        public const string Internal = "internal";
    }

    /// <summary><c>operation</c> of the ffmpeg metrics: what one ffmpeg or ffprobe run is for. A job's runs carry its type.</summary>
    public static class Operation
    {
        public const string Thumbnail = "thumbnail";
        public const string Probe = "probe";
        public const string Decode = "decode";
        public const string Trim = "trim";
        public const string Split = "split";
        public const string Process = "process";
        public const string Preview = "preview";
    }

    /// <summary><c>status</c> of the job metrics: how a job a worker took ended.</summary>
    public static class JobOutcome
    {
        public const string Succeeded = "succeeded";
        public const string Failed = "failed";
        public const string Canceled = "canceled";
    }

    /// <summary><c>type</c> of the memory gauge.</summary>
    public static class Memory
    {
        public const string Rss = "rss";
        public const string HeapTotal = "heap_total";
        public const string HeapUsed = "heap_used";
        public const string External = "external";
    }

    /// <summary>The <c>error_type</c> of an /api answer with <paramref name="statusCode"/>, null below 400.</summary>
    public static string? ApiErrorType(int statusCode) => statusCode switch
    {
        < 400 => null,
        400 => "bad_request",
        401 or 403 => "unauthorized",
        404 => "not_found",
        409 => "conflict",
        413 => "payload_too_large",
        415 => "unsupported_media_type",
        422 => "unprocessable",
        429 => "rate_limited",
        499 => "client_closed",
        < 500 => "client_error",
        503 => "unavailable",
        _ => "server_error",
    };
}
