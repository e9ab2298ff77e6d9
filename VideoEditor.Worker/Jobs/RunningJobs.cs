using System.Collections.Concurrent;

namespace VideoEditor.Worker.Jobs;

/// <summary>The jobs this worker runs now, each with the token that stops it, so a cancel notice finds its job.</summary>
public sealed class RunningJobs
{
    private readonly ConcurrentDictionary<string, CancellationTokenSource> _running = new();

    /// <summary>Tracks a job until the returned run is disposed; its token fires when the job is canceled or the worker stops.</summary>
    public RunningJob Track(string jobId, CancellationToken stopping)
    {
        var cancel = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        _running[jobId] = cancel;
        return new RunningJob(cancel, () => _running.TryRemove(new KeyValuePair<string, CancellationTokenSource>(jobId, cancel)));
    }

    /// <summary>Stops the job if this worker runs it.</summary>
    public void Cancel(string jobId)
    {
        if (_running.TryGetValue(jobId, out var cancel))
        {
            try
            {
                cancel.Cancel();
            }
            catch (ObjectDisposedException)
            {
                // The job ended meanwhile.
            }
        }
    }
}

/// <summary>One job being run: its token, and a way to stop it from inside (its store record says canceled).</summary>
public sealed class RunningJob(CancellationTokenSource cancel, Action untrack) : IDisposable
{
    public CancellationToken Token => cancel.Token;

    public Task CancelAsync() => cancel.CancelAsync();

    public void Dispose()
    {
        untrack();
        cancel.Dispose();
    }
}
