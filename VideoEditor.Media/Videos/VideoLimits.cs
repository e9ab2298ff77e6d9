using System.ComponentModel.DataAnnotations;

namespace VideoEditor.Media.Videos;

/// <summary>What an uploaded video may be. Each limit has a default a real editor would accept.</summary>
public sealed class VideoLimits
{
    public const string SectionName = "Videos";

    [Range(1, long.MaxValue)]
    public long MaxUploadBytes { get; set; } = 2L * 1024 * 1024 * 1024;

    [Range(1, 7 * 24 * 3600)]
    public double MaxDurationSeconds { get; set; } = 4 * 3600;

    /// <summary>The largest width or height of the picture, and of a thumbnail or transcode asked for.</summary>
    [Range(16, 16384)]
    public int MaxDimension { get; set; } = 8192;

    [Range(1, 1024)]
    public int MaxStreams { get; set; } = 16;
}
