namespace VideoEditor.Media.FFmpeg;

/// <summary>
/// Where ffmpeg pipes an image back: kept in memory up to <paramref name="cap"/> bytes. A write past the cap fails,
/// which closes the pipe and so ends ffmpeg (it can write no more); <see cref="Exceeded"/> tells the caller why the run
/// failed. No request can make the service hold more than the cap for one image.
/// </summary>
public sealed class CappedBuffer(long cap) : Stream
{
    private readonly MemoryStream _buffer = new();

    public long Cap => cap;

    /// <summary>Whether a write was refused: ffmpeg's run then fails with whatever it saw first (a broken pipe, say).</summary>
    public bool Exceeded { get; private set; }

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => _buffer.Length;

    public override long Position
    {
        get => _buffer.Length;
        set => throw new NotSupportedException();
    }

    public byte[] ToArray() => _buffer.ToArray();

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        if (_buffer.Length + buffer.Length > cap)
        {
            Exceeded = true;
            throw new OutputTooLargeException(cap);
        }

        _buffer.Write(buffer);
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        Write(buffer.Span);
        return ValueTask.CompletedTask;
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        Write(buffer.AsSpan(offset, count));
        return Task.CompletedTask;
    }

    public override void Flush()
    {
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _buffer.Dispose();
        }

        base.Dispose(disposing);
    }
}

/// <summary>What ffmpeg made is larger than the service holds for one result.</summary>
public sealed class OutputTooLargeException(long cap)
    : IOException($"The result would be larger than {cap / (1 << 20)} MB.")
{
    public long Cap { get; } = cap;
}
