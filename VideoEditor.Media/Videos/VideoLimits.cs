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

    /// <summary>
    /// The largest picture, width times height (8K UHD by default): refused at upload, and the bound every ffmpeg
    /// decoder of a user's file is held to (<c>-max_pixels</c>).
    /// </summary>
    [Range(256, int.MaxValue)]
    public int MaxPixels { get; set; } = 7680 * 4320;

    [Range(1, 1024)]
    public int MaxStreams { get; set; } = 16;

    /// <summary>How many uploads the api receives at once; past it a new one gets 503 with Retry-After at once.</summary>
    [Range(1, 10_000)]
    public int MaxConcurrentUploads { get; set; } = 16;

    /// <summary>
    /// The slowest an upload may arrive on average: an upload has <see cref="UploadTimeBase"/> plus its size at this
    /// rate to arrive, then it is cut off (408). 256 KB/s gives a 2 GB upload some 2 h 20 min.
    /// </summary>
    [Range(1024, long.MaxValue)]
    public long MinUploadBytesPerSecond { get; set; } = 256 * 1024;

    /// <summary>The time every upload gets besides its size's worth (<see cref="MinUploadBytesPerSecond"/>).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan UploadTimeBase { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How long an upload of <paramref name="bytes"/> may take to arrive.</summary>
    public TimeSpan UploadDeadline(long bytes) => UploadTimeBase + TimeSpan.FromSeconds((double)bytes / MinUploadBytesPerSecond);
}
