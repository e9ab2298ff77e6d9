using VideoEditor.Media.Jobs;
using VideoEditor.ServiceDefaults.Telemetry;

namespace VideoEditor.Worker.Jobs;

/// <summary>Samples the queue every few seconds for the job gauges (queued, running, oldest wait).</summary>
public sealed partial class JobQueueSampler(JobQueue queue, VideoEditorMetrics metrics, TimeProvider time, ILogger<JobQueueSampler> logger) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        do
        {
            try
            {
                var state = await queue.StateAsync(time.GetUtcNow());
                metrics.QueueSampled(state.Queued, state.Running, state.OldestQueuedAge);
            }
            catch (Exception exception) when (RedisConnection.IsUnavailable(exception))
            {
                LogUnavailable(logger, exception);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Could not sample the job queue")]
    private static partial void LogUnavailable(ILogger logger, Exception exception);
}
