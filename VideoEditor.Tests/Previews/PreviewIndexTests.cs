using VideoEditor.Media.Previews;

namespace VideoEditor.Tests.Previews;

public sealed class PreviewIndexTests
{
    private static readonly PreviewIndex Index = new(640, 360,
        [new PreviewFrame(0.041, "a.jpg"), new PreviewFrame(2, "b.jpg"), new PreviewFrame(4.004, "c.jpg")]);

    [Theory]
    [InlineData(2, "b.jpg")]
    [InlineData(3.999, "b.jpg")]
    [InlineData(4.004, "c.jpg")]
    [InlineData(89.5, "c.jpg")]
    [InlineData(1, "a.jpg")]
    // Before the first keyframe (a stream that starts a little after zero): the first one, as ffmpeg's seek gives.
    [InlineData(0, "a.jpg")]
    public void The_frame_for_a_time_is_the_keyframe_at_or_before_it(double seconds, string file) =>
        Assert.Equal(file, Index.FrameAtOrBefore(seconds).File);
}
