namespace VideoEditor.Media.FFmpeg;

/// <summary>ffmpeg ran past its time limit and was killed.</summary>
public sealed class FFmpegTimeoutException(string operation, TimeSpan timeout)
    : Exception($"ffmpeg {operation} ran longer than {timeout.TotalSeconds:0} s and was stopped.");

/// <summary>ffmpeg exited with an error.</summary>
public sealed class FFmpegFailedException(string operation, string detail, Exception? inner = null)
    : Exception($"ffmpeg {operation} failed: {detail}", inner);
