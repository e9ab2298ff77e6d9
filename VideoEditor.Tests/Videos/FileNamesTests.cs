using VideoEditor.Api.Videos;

namespace VideoEditor.Tests.Videos;

public sealed class FileNamesTests
{
    [Theory]
    [InlineData("clip.mp4", "clip.mp4")]
    [InlineData("../../etc/passwd", "passwd")]
    [InlineData("C:\\Users\\me\\holiday.mov", "holiday.mov")]
    [InlineData("folder/..", "folder")]
    [InlineData("a/b/", "b")]
    [InlineData("  spaced.mp4  ", "spaced.mp4")]
    [InlineData("bell\a\r\nname.mp4", "bellname.mp4")]
    [InlineData("", "video")]
    [InlineData(null, "video")]
    [InlineData("/", "video")]
    [InlineData("\u0000\u001f", "video")]
    [InlineData("été 🎬.mp4", "été 🎬.mp4")]
    public void Only_the_name_is_kept_without_control_characters(string? sent, string kept) => Assert.Equal(kept, FileNames.Clean(sent));

    [Fact]
    public void A_long_name_is_cut_to_the_maximum()
    {
        var name = FileNames.Clean(new string('x', 1000) + ".mp4");

        Assert.Equal(FileNames.MaxLength, name.Length);
        Assert.StartsWith("xxx", name, StringComparison.Ordinal);
    }
}
