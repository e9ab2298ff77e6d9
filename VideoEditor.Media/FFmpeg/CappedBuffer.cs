using System.Buffers;

namespace VideoEditor.Media.FFmpeg;

/// <summary>
/// Where ffmpeg pipes an image back: kept in memory up to <paramref name="cap"/> bytes. A write past the cap fails,
/// which closes the pipe and so ends ffmpeg (it can write no more); <see cref="Exceeded"/> tells the caller why the run
/// failed. No request can make the service hold more than the cap for one image. The bytes are kept in pooled
/// chunks below the large-object threshold, so a growing image leaves no trail of ever larger arrays behind (a
/// MemoryStream doubling up to 8 MB allocates some 16 MB of large arrays for one image).
/// </summary>
public sealed class CappedBuffer(long cap) : Stream
{
    private const int ChunkBytes = 64 * 1024;

    private readonly List<byte[]> _chunks = [];
    private long _length;

    public long Cap => cap;

    /// <summary>Whether a write was refused: ffmpeg's run then fails with whatever it saw first (a broken pipe, say).</summary>
    public bool Exceeded { get; private set; }

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => _length;

    public override long Position
    {
        get => _length;
        set => throw new NotSupportedException();
    }

    /// <summary>The bytes written, in one array of their exact size.</summary>
    public byte[] ToArray()
    {
        var bytes = GC.AllocateUninitializedArray<byte>((int)_length);
        var copied = 0;
        foreach (var chunk in _chunks)
        {
            var count = (int)Math.Min(ChunkBytes, _length - copied);
            chunk.AsSpan(0, count).CopyTo(bytes.AsSpan(copied));
            copied += count;
        }

        return bytes;
    }

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        if (_length + buffer.Length > cap)
        {
            Exceeded = true;
            throw new OutputTooLargeException(cap);
        }

        while (!buffer.IsEmpty)
        {
            var used = (int)(_length % ChunkBytes);
            if (used == 0 && _length == (long)_chunks.Count * ChunkBytes)
            {
                _chunks.Add(ArrayPool<byte>.Shared.Rent(ChunkBytes));
            }

            var count = Math.Min(buffer.Length, ChunkBytes - used);
            buffer[..count].CopyTo(_chunks[^1].AsSpan(used));
            buffer = buffer[count..];
            _length += count;
        }
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
            foreach (var chunk in _chunks)
            {
                ArrayPool<byte>.Shared.Return(chunk);
            }

            _chunks.Clear();
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
