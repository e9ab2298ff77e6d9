using System.Text.Json;
using System.Text.Json.Serialization;
using VideoEditor.Media.FFmpeg;

namespace VideoEditor.Media.Jobs;

public enum JobType
{
    Trim,
    Split,
    Process,

    /// <summary>Keyframes and storyboard made after an upload; internal, never submitted through the API.</summary>
    Preview,
}

public enum JobStatus
{
    Queued,
    Running,
    Succeeded,
    Failed,
    Canceled,
}

/// <summary>Why a job failed: <see cref="Type"/> is one of <see cref="JobErrorTypes"/>.</summary>
public sealed record JobError(string Type, string Message);

public static class JobErrorTypes
{
    public const string Timeout = "timeout";
    public const string FFmpegFailed = "ffmpeg_failed";
    public const string SourceMissing = "source_missing";
    public const string OutputInvalid = "output_invalid";
    public const string Internal = "internal_error";
}

/// <summary>What a job makes: the pieces to cut (trim: one, split: several) or the transcode.</summary>
public sealed record JobWork(IReadOnlyList<CutSpec>? Cuts, TranscodeSpec? Transcode);

/// <summary>A job as stored in Redis. Outputs are ids of videos, each one a video in its own right.</summary>
public sealed record Job(
    string Id,
    JobType Type,
    string VideoId,
    JobStatus Status,
    double Progress,
    DateTimeOffset CreatedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt,
    IReadOnlyList<string> OutputIds,
    JobError? Error,
    JobWork Work,
    int Attempts)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public bool IsFinished => Status is JobStatus.Succeeded or JobStatus.Failed or JobStatus.Canceled;
}
