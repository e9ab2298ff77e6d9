using System.Text.RegularExpressions;
using VideoEditor.Media.Videos;
using VideoEditor.Worker.Previews;

namespace VideoEditor.Tests.Previews;

/// <summary>The storyboard's grid and its WebVTT cues, and the size of the preview keyframes.</summary>
public sealed partial class StoryboardLayoutTests
{
    private static readonly PreviewOptions Defaults = new();

    [Fact]
    public void One_tile_every_interval_row_by_row_at_the_tile_width_and_the_frame_aspect_ratio()
    {
        var layout = StoryboardLayout.Plan(25, 640, 360, Defaults);

        Assert.Equal((13, 160, 90, 10, 2), (layout.Tiles.Count, layout.TileWidth, layout.TileHeight, layout.Columns, layout.Rows));
        Assert.Equal((1600, 180), (layout.Width, layout.Height));
        Assert.Equal((0, 0), (layout.Tiles[0].X, layout.Tiles[0].Y));
        Assert.Equal((160, 0), (layout.Tiles[1].X, layout.Tiles[1].Y));
        Assert.Equal((320, 90), (layout.Tiles[12].X, layout.Tiles[12].Y));
    }

    [Fact]
    public void The_tiles_cover_the_whole_duration_in_equal_spans_without_gaps()
    {
        var layout = StoryboardLayout.Plan(25, 640, 360, Defaults);

        Assert.Equal(0, layout.Tiles[0].Start);
        Assert.Equal(25, layout.Tiles[^1].End, 9);
        Assert.All(layout.Tiles.Zip(layout.Tiles.Skip(1)), pair => Assert.Equal(pair.First.End, pair.Second.Start));
        Assert.All(layout.Tiles, tile => Assert.Equal(25.0 / 13, tile.End - tile.Start, 9));
    }

    [Fact]
    public void A_long_video_gets_at_most_the_maximum_of_tiles_spread_evenly()
    {
        var layout = StoryboardLayout.Plan(4 * 3600, 640, 360, Defaults);

        Assert.Equal(Defaults.StoryboardMaxTiles, layout.Tiles.Count);
        Assert.Equal(Defaults.StoryboardMaxTiles / Defaults.StoryboardColumns, layout.Rows);
        Assert.Equal(144, layout.Tiles[1].Start, 9);
    }

    [Fact]
    public void A_short_video_gets_one_row_of_as_many_tiles_as_it_needs_and_at_least_one()
    {
        Assert.Equal((3, 1), (StoryboardLayout.Plan(5, 640, 360, Defaults).Columns, StoryboardLayout.Plan(5, 640, 360, Defaults).Rows));
        Assert.Single(StoryboardLayout.Plan(0.04, 640, 360, Defaults).Tiles);
    }

    [Fact]
    public void Tiles_are_never_wider_than_the_frames_and_have_even_sides()
    {
        var layout = StoryboardLayout.Plan(10, 100, 75, Defaults);

        Assert.Equal((100, 74), (layout.TileWidth, layout.TileHeight));
    }

    [Fact]
    public void Each_cue_spans_its_tile_and_points_at_it_in_the_sprite()
    {
        var layout = StoryboardLayout.Plan(3, 640, 360, Defaults);

        var vtt = layout.ToWebVtt("storyboard.jpg");

        Assert.StartsWith("WEBVTT\n", vtt, StringComparison.Ordinal);
        var cues = Cue().Matches(vtt).Select(match => match.Value).ToList();
        Assert.Equal(
        [
            "00:00:00.000 --> 00:00:01.500\nstoryboard.jpg#xywh=0,0,160,90",
            "00:00:01.500 --> 00:00:03.000\nstoryboard.jpg#xywh=160,0,160,90",
        ], cues);
    }

    [Theory]
    [InlineData(1280, 720, 640, 360)]
    [InlineData(320, 240, 320, 240)]
    [InlineData(1080, 1920, 640, 1138)]
    [InlineData(641, 361, 640, 360)]
    [InlineData(3, 3, 2, 2)]
    public void Preview_frames_are_at_most_the_maximum_width_never_enlarged_with_even_sides(int width, int height, int previewWidth, int previewHeight)
    {
        var video = new Video("0123456789abcdef0123456789abcdef", "v.mp4", 1, "mp4", 10, width, height, 0, 24, "h264", null, 1, DateTimeOffset.UnixEpoch);

        Assert.Equal((previewWidth, previewHeight), PreviewMaker.PreviewSize(video, Defaults.MaxWidth));
    }

    [GeneratedRegex(@"\d\d:\d\d:\d\d\.\d{3} --> \d\d:\d\d:\d\d\.\d{3}\n[^\n]+")]
    private static partial Regex Cue();
}
