namespace VideoEditor.Media.Concurrency;

/// <summary>
/// Bounds how many of one kind of work run at once, with a bounded queue in front: under load, work past the queue
/// is turned away at once (<see cref="BusyException"/>: 503 + Retry-After) instead of piling up until everything
/// times out.
/// </summary>
public abstract class WorkGate(string work, int maxConcurrency, int maxQueue, TimeSpan queueTimeout) : IDisposable
{
    private readonly SemaphoreSlim _slots = new(maxConcurrency, maxConcurrency);
    private int _waitingOrRunning;

    /// <summary>How many hold a slot or wait for one.</summary>
    public int InUse => Volatile.Read(ref _waitingOrRunning);

    public async Task<IDisposable> EnterAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Increment(ref _waitingOrRunning) > maxConcurrency + maxQueue)
        {
            Interlocked.Decrement(ref _waitingOrRunning);
            throw new BusyException(work, RetryAfter);
        }

        bool entered;
        try
        {
            entered = await _slots.WaitAsync(queueTimeout, cancellationToken);
        }
        catch
        {
            Interlocked.Decrement(ref _waitingOrRunning);
            throw;
        }

        if (!entered)
        {
            Interlocked.Decrement(ref _waitingOrRunning);
            throw new BusyException(work, RetryAfter);
        }

        return new Slot(this);
    }

    public void Dispose()
    {
        _slots.Dispose();
        GC.SuppressFinalize(this);
    }

    private TimeSpan RetryAfter => TimeSpan.FromSeconds(Math.Max(1, Math.Ceiling(queueTimeout.TotalSeconds / 2)));

    private sealed class Slot(WorkGate gate) : IDisposable
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

/// <summary>Every slot of a <see cref="WorkGate"/> is taken and its queue is full or too slow: try again later.</summary>
public sealed class BusyException(string work, TimeSpan retryAfter)
    : Exception($"All {work} slots are busy; retry in {retryAfter.TotalSeconds:0} s.")
{
    public TimeSpan RetryAfter { get; } = retryAfter;
}
