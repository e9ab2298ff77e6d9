using Microsoft.Extensions.Hosting;

namespace VideoEditor.ServiceDefaults.Telemetry;

/// <summary>
/// The .NET counterpart of Node's event-loop lag: twice a second, queues a work item on the thread pool and
/// records how long it waited to start. A starved pool (blocking calls, too few threads) shows here first.
/// Depending on <see cref="VideoEditorMetrics"/>, it also makes the service's instruments exist from the start.
/// </summary>
public sealed class ThreadPoolLagMonitor(VideoEditorMetrics metrics, TimeProvider time) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(500);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var queued = time.GetTimestamp();
            var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            ThreadPool.UnsafeQueueUserWorkItem(_ =>
            {
                metrics.SchedulingDelay.Record(time.GetElapsedTime(queued).TotalSeconds);
                started.TrySetResult();
            }, null);
            try
            {
                await started.Task.WaitAsync(stoppingToken);
                await Task.Delay(Interval, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
