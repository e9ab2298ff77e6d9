using VideoEditor.Media.FFmpeg;

namespace VideoEditor.Tests.Media;

public sealed class CappedBufferTests
{
    [Fact]
    public void What_is_written_in_pieces_of_any_size_reads_back_whole()
    {
        var bytes = new byte[300_001];
        new Random(7).NextBytes(bytes);
        using var buffer = new CappedBuffer(cap: bytes.Length);

        for (var (offset, piece) = (0, 1); offset < bytes.Length; offset += piece, piece = piece * 3 % 70_001 + 1)
        {
            buffer.Write(bytes, offset, Math.Min(piece, bytes.Length - offset));
        }

        Assert.Equal(bytes, buffer.ToArray());
        Assert.False(buffer.Exceeded);
    }

    [Fact]
    public void A_write_past_the_cap_is_refused_and_remembered()
    {
        using var buffer = new CappedBuffer(cap: 100);
        buffer.Write(new byte[100]);

        Assert.Throws<OutputTooLargeException>(() => buffer.Write(new byte[1]));
        Assert.True(buffer.Exceeded);
        Assert.Equal(100, buffer.ToArray().Length);
    }
}
