using System.ComponentModel.DataAnnotations;

namespace VideoEditor.Worker.Previews;

public sealed class PreviewOptions
{
    public const string SectionName = "Previews";

    /// <summary>The widest a preview keyframe is; thumbnails up to this size are made from them without ffmpeg.</summary>
    [Range(16, 4096)]
    public int MaxWidth { get; set; } = 640;

    /// <summary>
    /// The most keyframes kept for one video (each a JPEG on disk, a line of its index in the api's memory). A video
    /// with more (all-intra, where every frame is a keyframe) keeps only a few per storyboard tile, and its thumbnails
    /// come from ffmpeg.
    /// </summary>
    [Range(10, 1_000_000)]
    public int MaxFrames { get; set; } = 10_000;

    /// <summary>The width of one storyboard tile.</summary>
    [Range(16, 1024)]
    public int StoryboardTileWidth { get; set; } = 160;

    /// <summary>One tile per this much of the video, up to <see cref="StoryboardMaxTiles"/> (then spread evenly).</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "01:00:00")]
    public TimeSpan StoryboardInterval { get; set; } = TimeSpan.FromSeconds(2);

    [Range(1, 1000)]
    public int StoryboardMaxTiles { get; set; } = 100;

    [Range(1, 100)]
    public int StoryboardColumns { get; set; } = 10;

    /// <summary>
    /// How often the worker looks for videos without previews (uploaded while the queue was unreachable, say) and
    /// asks for them; also once at start.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan BackfillInterval { get; set; } = TimeSpan.FromMinutes(5);
}
