using System.ComponentModel.DataAnnotations;

namespace VideoEditor.Api.Thumbnails;

public sealed class ThumbnailOptions
{
    public const string SectionName = "Thumbnails";

    /// <summary>How long a thumbnail stays in Redis after it was made.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "365.00:00:00")]
    public TimeSpan CacheTimeToLive { get; set; } = TimeSpan.FromDays(7);
}
