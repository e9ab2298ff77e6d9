using System.Text.Json;

namespace VideoEditor.Media.Previews;

/// <summary>One keyframe of a video at preview size: its exact time in seconds and its JPEG file in the preview folder.</summary>
public sealed record PreviewFrame(double Time, string File);

/// <summary>
/// What the worker made of a video at upload: its keyframes at <see cref="Width"/>×<see cref="Height"/>, in time
/// order, and a storyboard. Stored as <see cref="FileName"/> in the video's preview folder. Only an index of
/// <see cref="EveryKeyframe"/> stands in for ffmpeg's fast seek; one of some keyframes serves the storyboard only.
/// </summary>
public sealed record PreviewIndex(int Width, int Height, IReadOnlyList<PreviewFrame> Frames, bool EveryKeyframe = true)
{
    public const string FileName = "index.json";
    public const string StoryboardImage = "storyboard.jpg";
    public const string StoryboardCues = "storyboard.vtt";

    /// <summary>Stands for an index of no use to thumbnails: one without every keyframe, or a file too large to read.</summary>
    public static readonly PreviewIndex Unusable = new(0, 0, [], EveryKeyframe: false);

    /// <summary>
    /// The keyframe at or before <paramref name="seconds"/>, as ffmpeg's fast seek returns it; the first one for a
    /// time before it (a stream whose first keyframe starts a little after zero).
    /// </summary>
    public PreviewFrame FrameAtOrBefore(double seconds)
    {
        var low = 0;
        var high = Frames.Count - 1;
        while (low < high)
        {
            var middle = (low + high + 1) / 2;
            if (Frames[middle].Time <= seconds)
            {
                low = middle;
            }
            else
            {
                high = middle - 1;
            }
        }

        return Frames[low];
    }

    /// <summary>The index in <paramref name="folder"/>; null when there is none, <see cref="Unusable"/> when it is over <paramref name="maxBytes"/>.</summary>
    public static async Task<PreviewIndex?> ReadAsync(string folder, long maxBytes, CancellationToken cancellationToken)
    {
        try
        {
            await using var stream = System.IO.File.OpenRead(Path.Combine(folder, FileName));
            return stream.Length > maxBytes
                ? Unusable
                : await JsonSerializer.DeserializeAsync<PreviewIndex>(stream, JsonSerializerOptions.Web, cancellationToken);
        }
        catch (Exception exception) when (exception is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
    }

    public async Task WriteAsync(string folder, CancellationToken cancellationToken)
    {
        await using var stream = System.IO.File.Create(Path.Combine(folder, FileName));
        await JsonSerializer.SerializeAsync(stream, this, JsonSerializerOptions.Web, cancellationToken);
    }
}
