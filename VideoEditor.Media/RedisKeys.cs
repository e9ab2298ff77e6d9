using StackExchange.Redis;

namespace VideoEditor.Media;

/// <summary>
/// Every Redis key and channel the services use, all under <c>video-editor:</c>: what lives in Redis, in one place.
/// Ids in keys are checked before (<see cref="Videos.VideoId"/>), so a key never holds free text.
/// </summary>
public static class RedisKeys
{
    private const string Prefix = "video-editor:";

    /// <summary>The job queue: a stream read through a consumer group.</summary>
    public static readonly RedisKey JobQueue = Prefix + "jobs:queue";

    /// <summary>Published when a job is queued, to wake idle workers at once.</summary>
    public static readonly RedisChannel NewJobs = RedisChannel.Literal(Prefix + "jobs:new");

    /// <summary>Published when a job is canceled, so the worker running it stops its ffmpeg.</summary>
    public static readonly RedisChannel JobCancellations = RedisChannel.Literal(Prefix + "jobs:cancel");

    /// <summary>
    /// The prefix of every thumbnail cache entry (the Redis level's instance name). The entries of one video are listed
    /// in a set under the prefix and the video id, <see cref="ThumbnailIndex"/>.
    /// </summary>
    public const string Thumbnails = Prefix + "thumbnails:";

    /// <summary>A job, as JSON.</summary>
    public static RedisKey Job(string jobId) => $"{Prefix}jobs:{jobId}";

    /// <summary>
    /// The ids of one client's jobs that were unfinished when last counted. <paramref name="client"/> is a key's
    /// number or an IP address, never text a client chose.
    /// </summary>
    public static RedisKey ClientJobs(string client) => $"{Prefix}jobs:client:{client}";

    /// <summary>The keys of the cached thumbnails of one video.</summary>
    public static RedisKey ThumbnailIndex(string videoId) => Thumbnails + videoId;

    /// <summary>A live worker's presence, with an expiry.</summary>
    public static RedisKey Worker(string instance) => $"{Prefix}workers:{instance}";
}
