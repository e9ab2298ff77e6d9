using System.Text.Json;
using System.Text.Json.Serialization;
using VideoEditor.Media.FFmpeg;

namespace VideoEditor.Media.Jobs;

/// <summary>What a job makes: the pieces to cut (trim: one, split: several) or the transcode.</summary>
public sealed record JobWork(IReadOnlyList<CutSpec>? Cuts, TranscodeSpec? Transcode);

/// <summary>
/// A job as stored in Redis; its outputs are ids of videos, each one a video in its own right. The job owns its
/// lifecycle: queued → running → succeeded, failed or canceled, and back to queued when its worker stops. Each
/// change is a method that returns the changed job, or null when the change is not allowed from where the job is
/// (a finished job never changes again), which is what <see cref="JobStore.UpdateAsync"/> takes as "leave it".
/// </summary>
public sealed record Job
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    [JsonConstructor]
    public Job(
        string id,
        JobType type,
        string videoId,
        JobStatus status,
        double progress,
        DateTimeOffset createdAt,
        DateTimeOffset? startedAt,
        DateTimeOffset? finishedAt,
        IReadOnlyList<string> outputIds,
        JobError? error,
        JobWork work,
        int attempts)
    {
        (Id, Type, VideoId, Status, Progress, CreatedAt) = (id, type, videoId, status, progress, createdAt);
        (StartedAt, FinishedAt, OutputIds, Error, Work, Attempts) = (startedAt, finishedAt, outputIds, error, work, attempts);
    }

    public string Id { get; }

    public JobType Type { get; }

    public string VideoId { get; }

    public JobStatus Status { get; private init; }

    /// <summary>0 to 1, kept to three decimals.</summary>
    public double Progress { get; private init; }

    public DateTimeOffset CreatedAt { get; }

    /// <summary>When a worker first took it (a second attempt keeps the first start).</summary>
    public DateTimeOffset? StartedAt { get; private init; }

    public DateTimeOffset? FinishedAt { get; private init; }

    public IReadOnlyList<string> OutputIds { get; private init; }

    public JobError? Error { get; private init; }

    public JobWork Work { get; }

    /// <summary>How many times a worker started it: more than one after a worker died or stopped mid-job.</summary>
    public int Attempts { get; private init; }

    public bool IsFinished => Status is JobStatus.Succeeded or JobStatus.Failed or JobStatus.Canceled;

    /// <summary>A new job, waiting for a worker.</summary>
    public static Job Queued(string id, JobType type, string videoId, JobWork work, DateTimeOffset now) =>
        new(id, type, videoId, JobStatus.Queued, 0, now, null, null, [], null, work, 0);

    /// <summary>
    /// A worker takes it: from the start again, one attempt more. Also a job whose worker died (still running). One
    /// started <paramref name="maxAttempts"/> times already ends failed instead: its worker stopped or died every time.
    /// </summary>
    public Job? Start(DateTimeOffset now, int maxAttempts) =>
        IsFinished ? null
        : Attempts >= maxAttempts ? this with
        {
            Status = JobStatus.Failed,
            FinishedAt = now,
            Error = new JobError(JobErrorTypes.TooManyAttempts, $"The job was started {Attempts} times and its worker stopped or died each time."),
        }
        : this with { Status = JobStatus.Running, StartedAt = StartedAt ?? now, Progress = 0, Attempts = Attempts + 1 };

    /// <summary>Progress while it runs; a change under a thousandth is not worth a write.</summary>
    public Job? Advance(double progress) =>
        Status == JobStatus.Running && progress > Progress + 0.001 ? this with { Progress = Math.Round(Math.Min(progress, 1), 3) } : null;

    public Job? Succeed(IReadOnlyList<string> outputIds, DateTimeOffset now) =>
        Status == JobStatus.Running ? this with { Status = JobStatus.Succeeded, Progress = 1, FinishedAt = now, OutputIds = outputIds } : null;

    public Job? Fail(JobError error, DateTimeOffset now) =>
        Status == JobStatus.Running ? this with { Status = JobStatus.Failed, FinishedAt = now, Error = error } : null;

    /// <summary>Whether a client may cancel it: a video's preview job is the service's own.</summary>
    public bool IsCancelable => Type != JobType.Preview;

    /// <summary>Asked by a client while it waits or runs; the worker running it stops.</summary>
    public Job? Cancel(DateTimeOffset now) =>
        IsFinished || !IsCancelable ? null : this with { Status = JobStatus.Canceled, FinishedAt = now };

    /// <summary>Its worker stopped before the end: it waits for any worker again, from the start.</summary>
    public Job? Requeue() =>
        Status == JobStatus.Running ? this with { Status = JobStatus.Queued, Progress = 0 } : null;
}
