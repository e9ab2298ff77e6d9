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
    /// How many unfinished (queued or running) jobs one client may have: past it its new job is refused with 429 and
    /// Retry-After, so that one client cannot fill the queue ahead of everyone else.
    /// </summary>
    [Range(1, 10_000)]
    public int MaxUnfinishedPerClient { get; set; } = 20;

    /// <summary>
    /// How many times a job may be started: one whose worker stops or dies every time (a file that crashes ffmpeg
    /// and takes the worker along, say) then ends failed instead of being taken over forever.
    /// </summary>
    [Range(1, 100)]
    public int MaxAttempts { get; set; } = 3;

    /// <summary>
    /// The longest one attempt of a job may take, all its ffmpeg runs together (every piece of a split, the probe of
    /// each output): past it the job ends failed, <c>timeout</c>.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromHours(2);
}

/// <summary>The client has <see cref="JobLimits.MaxUnfinishedPerClient"/> jobs unfinished: try again when one is done.</summary>
public sealed class ClientJobLimitException(int unfinished)
    : Exception($"{unfinished} of the client's jobs are unfinished; retry when one is done.")
{
    public static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(30);
}

/// <summary>The job queue holds <see cref="JobLimits.MaxQueued"/> jobs: try again later.</summary>
public sealed class QueueFullException(int queued)
    : Exception($"{queued} jobs are waiting already; retry later.")
{
    public static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(30);
}
