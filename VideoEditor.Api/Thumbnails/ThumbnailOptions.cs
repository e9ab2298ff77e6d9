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

    /// <summary>
    /// How many cached thumbnails of a deleted video are read from its index (SSCAN) and removed at a time: a video
    /// with very many never has all of them loaded at once.
    /// </summary>
    [Range(1, 10_000)]
    public int ForgetBatchSize { get; set; } = 250;

    /// <summary>How long a thumbnail stays in the process (at most <see cref="CacheTimeToLive"/>).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "365.00:00:00")]
    public TimeSpan LocalCacheTimeToLive { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// The largest image, in pixels, a thumbnail may have (besides never being larger than the video's frame): 4K
    /// (3840×2160) by default. Its raw frame (4 bytes a pixel) is what ffmpeg or SkiaSharp holds while encoding it.
    /// </summary>
    [Range(16 * 16, 16384L * 16384)]
    public long MaxPixels { get; set; } = 3840 * 2160;

    /// <summary>
    /// The most bytes one encoded thumbnail may take: ffmpeg is stopped past it (a 4K png of a noisy frame is ~25 MB).
    /// With <c>FFmpeg:MaxConcurrency</c> extractions at once, the api never holds more than that many of these.
    /// </summary>
    [Range(1L << 16, 1L << 30)]
    public long MaxImageBytes { get; set; } = 8L << 20;

    /// <summary>
    /// Larger images are sent but not cached (either level): HybridCache keeps the large buffers it serializes them
    /// in. 512 KB holds every jpeg or webp thumbnail up to full HD and most pngs of a smaller size.
    /// </summary>
    [Range(1024, 1L << 30)]
    public long MaxCachedImageBytes { get; set; } = 512 * 1024;

    /// <summary>How many thumbnails are resized from preview frames in the process at once (SkiaSharp, CPU-bound).</summary>
    [Range(1, 256)]
    public int MaxConcurrentRenders { get; set; } = Environment.ProcessorCount;

    /// <summary>How many more may wait for a render slot before new ones are turned away with 503.</summary>
    [Range(0, 10_000)]
    public int MaxQueuedRenders { get; set; } = 4 * Environment.ProcessorCount;

    /// <summary>How long one may wait for a render slot before it is turned away with 503.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan RenderQueueTimeout { get; set; } = TimeSpan.FromSeconds(10);
}
