using Microsoft.Extensions.Options;
using VideoEditor.Media.Jobs;

namespace VideoEditor.Worker.Jobs;

/// <summary>The latest progress ffmpeg reported for a job, written from its output thread and read by the heartbeat.</summary>
public sealed class JobProgress
{
    private double _value;

    public double Value => Volatile.Read(ref _value);

    public void Report(double value) => Volatile.Write(ref _value, value);
}

/// <summary>
/// While a job runs, every <see cref="JobConsumerOptions.ProgressInterval"/>: writes its progress, notices a
/// cancellation the pub/sub notice may have missed, and keeps the queue message claimed so no other worker takes
/// the job over.
/// </summary>
public sealed partial class JobHeartbeat(
    JobStore store, JobQueue queue, WorkerInstance worker, IOptions<JobConsumerOptions> options, TimeProvider time, ILogger<JobHeartbeat> logger)
{
    /// <summary>Beats until <paramref name="stop"/> fires.</summary>
    public async Task BeatAsync(string jobId, JobDelivery delivery, JobProgress progress, RunningJob running, CancellationToken stop)
    {
        var lastKept = time.GetUtcNow();
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(options.Value.ProgressInterval, time, stop);
                var reported = progress.Value;
                var current = await store.UpdateAsync(jobId, job => job.Advance(reported));
                if (current is null || current.Status == JobStatus.Canceled)
                {
                    await running.CancelAsync();
                }

                if (time.GetUtcNow() - lastKept >= options.Value.ClaimAfter / 3)
                {
                    await queue.KeepAsync(worker.Name, delivery);
                    lastKept = time.GetUtcNow();
                }
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (Exception exception) when (RedisConnection.IsUnavailable(exception))
            {
                LogUnavailable(logger, jobId, exception);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The progress of job {JobId} could not be written: the job queue is unavailable")]
    private static partial void LogUnavailable(ILogger logger, string jobId, Exception exception);
}
