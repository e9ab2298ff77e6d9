using System.ComponentModel.DataAnnotations;

namespace VideoEditor.Api.Thumbnails;

public sealed class ThumbnailOptions
{
    public const string SectionName = "Thumbnails";

    /// <summary>How long a thumbnail stays in Redis after it was made.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "365.00:00:00")]
    public TimeSpan CacheTimeToLive { get; set; } = TimeSpan.FromDays(7);

    /// <summary>
    /// The most bytes of thumbnails kept in the process in front of Redis. Part of the api's 200 MB memory budget, next
    /// to the ~170 MB the api itself takes under load: 16 MB hold ~2000 thumbnails of a typical 8 KB.
    /// </summary>
    [Range(1L << 20, 1L << 30)]
    public long LocalCacheBytes { get; set; } = 16L << 20;

    /// <summary>How long a thumbnail stays in the process (at most <see cref="CacheTimeToLive"/>).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "365.00:00:00")]
    public TimeSpan LocalCacheTimeToLive { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Larger images are sent but not cached.</summary>
    [Range(1L << 16, 1L << 30)]
    public long MaxCachedImageBytes { get; set; } = 8L << 20;
}
