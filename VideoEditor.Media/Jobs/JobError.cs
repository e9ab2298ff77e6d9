namespace VideoEditor.Media.Jobs;

/// <summary>Why a job failed: <see cref="Type"/> is one of <see cref="JobErrorTypes"/>.</summary>
public sealed record JobError(string Type, string Message);

public static class JobErrorTypes
{
    public const string Timeout = "timeout";
    public const string FFmpegFailed = "ffmpeg_failed";
    public const string SourceMissing = "source_missing";
    public const string OutputInvalid = "output_invalid";
    public const string OutputTooLarge = "output_too_large";
    public const string Internal = "internal_error";
    public const string TooManyAttempts = "too_many_attempts";
}

/// <summary>A job that cannot succeed, with the error type the API reports.</summary>
public sealed class JobFailedException(string type, string message, Exception? inner = null) : Exception(message, inner)
{
    public string Type { get; } = type;

    public JobError Error => new(Type, Message);
}
