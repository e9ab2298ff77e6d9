using System.Globalization;
using System.Text;

namespace VideoEditor.Worker.Previews;

/// <summary>One storyboard tile: the span of the video it stands for and its place in the sprite.</summary>
public sealed record StoryboardTile(double Start, double End, int X, int Y);

/// <summary>
/// A storyboard as the video platforms offer them: evenly spaced moments of the video as tiles of one sprite, row
/// by row, described by a WebVTT file whose cues cover the whole duration without gaps.
/// </summary>
public sealed record StoryboardLayout(int TileWidth, int TileHeight, int Columns, int Rows, IReadOnlyList<StoryboardTile> Tiles)
{
    public static StoryboardLayout Plan(double durationSeconds, int frameWidth, int frameHeight, PreviewOptions options)
    {
        var count = (int)Math.Clamp(Math.Ceiling(durationSeconds / options.StoryboardInterval.TotalSeconds), 1, options.StoryboardMaxTiles);
        var tileWidth = Even(Math.Min(options.StoryboardTileWidth, frameWidth));
        var tileHeight = Even((int)Math.Round((double)tileWidth * frameHeight / frameWidth));
        var columns = Math.Min(count, options.StoryboardColumns);
        var rows = (count + columns - 1) / columns;
        var tiles = Enumerable.Range(0, count)
            .Select(index => new StoryboardTile(
                durationSeconds * index / count,
                durationSeconds * (index + 1) / count,
                index % columns * tileWidth,
                index / columns * tileHeight))
            .ToList();
        return new StoryboardLayout(tileWidth, tileHeight, columns, rows, tiles);
    }

    public int Width => Columns * TileWidth;

    public int Height => Rows * TileHeight;

    /// <summary>The cues, each pointing into <paramref name="image"/> (relative to the cue file) with a <c>#xywh=</c> fragment.</summary>
    public string ToWebVtt(string image)
    {
        var vtt = new StringBuilder("WEBVTT\n");
        foreach (var tile in Tiles)
        {
            vtt.Append(CultureInfo.InvariantCulture,
                $"\n{Timestamp(tile.Start)} --> {Timestamp(tile.End)}\n{image}#xywh={tile.X},{tile.Y},{TileWidth},{TileHeight}\n");
        }

        return vtt.ToString();
    }

    private static string Timestamp(double seconds) =>
        TimeSpan.FromMilliseconds(Math.Round(seconds * 1000)).ToString(@"hh\:mm\:ss\.fff", CultureInfo.InvariantCulture);

    private static int Even(int pixels) => Math.Max(2, pixels / 2 * 2);
}
