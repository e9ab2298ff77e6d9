using System.ComponentModel.DataAnnotations;

namespace VideoEditor.Media.FFmpeg;

public sealed class FFmpegOptions
{
    public const string SectionName = "FFmpeg";

    /// <summary>The folder holding ffmpeg and ffprobe; empty means PATH.</summary>
    public string BinaryFolder { get; set; } = string.Empty;

    /// <summary>How many ffmpeg processes one service runs at once (the API's thumbnails, say).</summary>
    [Range(1, 256)]
    public int MaxConcurrency { get; set; } = Environment.ProcessorCount;

    /// <summary>How many more may wait for a slot before new ones are turned away with 503.</summary>
    [Range(0, 10_000)]
    public int MaxQueue { get; set; } = 4 * Environment.ProcessorCount;

    /// <summary>How long one may wait for a slot before it is turned away with 503.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan QueueTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The longest a probe (ffprobe, first-frame decode) may run.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan ProbeTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The most ffprobe may print about one file; past it ffprobe is killed and the upload refused (422). It asks for a
    /// few fields only, which take some hundred bytes a stream.
    /// </summary>
    [Range(1024, 16 << 20)]
    public int MaxProbeOutputBytes { get; set; } = 64 * 1024;

    /// <summary>The longest one thumbnail extraction may run.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan ThumbnailTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The threads one ffmpeg run may use to decode and to encode: ffmpeg's default is one per core (and more for
    /// some encoders), each with its own frame buffers, times <see cref="MaxConcurrency"/> runs.
    /// </summary>
    [Range(1, 64)]
    public int ThreadsPerRun { get; set; } = Math.Min(Environment.ProcessorCount, 4);
}
