using Microsoft.Extensions.Options;

namespace VideoEditor.Media.FFmpeg;

/// <summary>
/// Bounds how many ffmpeg processes run at once, with a bounded queue in front: under load, requests past the
/// queue are turned away at once (503 + Retry-After) instead of piling up until everything times out.
/// </summary>
public sealed class FFmpegGate(IOptions<FFmpegOptions> options) : IDisposable
{
    private readonly FFmpegOptions _options = options.Value;
    private readonly SemaphoreSlim _slots = new(options.Value.MaxConcurrency, options.Value.MaxConcurrency);
    private int _waitingOrRunning;

    /// <summary>How many hold a slot or wait for one.</summary>
    public int InUse => Volatile.Read(ref _waitingOrRunning);

    public async Task<IDisposable> EnterAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Increment(ref _waitingOrRunning) > _options.MaxConcurrency + _options.MaxQueue)
        {
            Interlocked.Decrement(ref _waitingOrRunning);
            throw new FFmpegBusyException(RetryAfter);
        }

        bool entered;
        try
        {
            entered = await _slots.WaitAsync(_options.QueueTimeout, cancellationToken);
        }
        catch
        {
            Interlocked.Decrement(ref _waitingOrRunning);
            throw;
        }

        if (!entered)
        {
            Interlocked.Decrement(ref _waitingOrRunning);
            throw new FFmpegBusyException(RetryAfter);
        }

        return new Slot(this);
    }

    public void Dispose() => _slots.Dispose();

    private TimeSpan RetryAfter => TimeSpan.FromSeconds(Math.Max(1, Math.Ceiling(_options.QueueTimeout.TotalSeconds / 2)));

    private sealed class Slot(FFmpegGate gate) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                gate._slots.Release();
                Interlocked.Decrement(ref gate._waitingOrRunning);
            }
        }
    }
}
