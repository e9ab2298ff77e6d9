namespace VideoEditor.Media.FFmpeg;

/// <summary>Every ffmpeg slot is taken and the queue is full or too slow: try again later.</summary>
public sealed class FFmpegBusyException(TimeSpan retryAfter)
    : Exception($"All ffmpeg slots are busy; retry in {retryAfter.TotalSeconds:0} s.")
{
    public TimeSpan RetryAfter { get; } = retryAfter;
}

/// <summary>ffmpeg ran past its time limit and was killed.</summary>
public sealed class FFmpegTimeoutException(string operation, TimeSpan timeout)
    : Exception($"ffmpeg {operation} ran longer than {timeout.TotalSeconds:0} s and was stopped.");

/// <summary>ffmpeg exited with an error.</summary>
public sealed class FFmpegFailedException(string operation, string detail, Exception? inner = null)
    : Exception($"ffmpeg {operation} failed: {detail}", inner);
