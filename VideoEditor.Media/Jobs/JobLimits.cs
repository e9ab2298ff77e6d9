using System.ComponentModel.DataAnnotations;

namespace VideoEditor.Media.Jobs;

/// <summary>What the job queue takes on, read by the api (which accepts jobs) and the worker (which runs them).</summary>
public sealed class JobLimits
{
    public const string SectionName = "Jobs";

    /// <summary>
    /// How many jobs may wait at once: past it a client's new job is refused with 503 and Retry-After, instead of
    /// queueing work no worker will reach for hours. (A video's preview job counts, but is the service's own and
    /// always queued.)
    /// </summary>
    [Range(1, 1_000_000)]
    public int MaxQueued { get; set; } = 1000;

    /// <summary>
    /// How many times a job may be started: one whose worker stops or dies every time (a file that crashes ffmpeg
    /// and takes the worker along, say) then ends failed instead of being taken over forever.
    /// </summary>
    [Range(1, 100)]
    public int MaxAttempts { get; set; } = 3;
}

/// <summary>The job queue holds <see cref="JobLimits.MaxQueued"/> jobs: try again later.</summary>
public sealed class QueueFullException(int queued)
    : Exception($"{queued} jobs are waiting already; retry later.")
{
    public static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(30);
}
