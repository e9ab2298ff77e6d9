using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using VideoEditor.Media.Jobs;
using VideoEditor.ServiceDefaults.Telemetry;

namespace VideoEditor.Worker.Jobs;

/// <summary>
/// Takes jobs from the Redis queue one at a time and runs them. A job is acknowledged only once its outcome is
/// stored; on shutdown the running job is stopped and handed back to the queue, so an accepted job is never lost.
/// </summary>
public sealed partial class JobConsumer(
    JobQueue queue,
    JobStore store,
    JobExecutor executor,
    IConnectionMultiplexer redis,
    VideoEditorInstrumentation instrumentation,
    VideoEditorMetrics metrics,
    IOptions<JobConsumerOptions> options,
    TimeProvider time,
    ILogger<JobConsumer> logger) : BackgroundService
{
    private readonly string _consumer = $"{Environment.MachineName}:{Environment.ProcessId}";
    private readonly ConcurrentDictionary<string, CancellationTokenSource> _running = new();
    private readonly SemaphoreSlim _wake = new(0, 1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await ConnectAsync(stoppingToken);
        while (!stoppingToken.IsCancellationRequested)
        {
            JobDelivery? delivery = null;
            try
            {
                delivery = await queue.TakeAsync(_consumer, options.Value.ClaimAfter);
            }
            catch (Exception exception) when (RedisConnection.IsUnavailable(exception))
            {
                LogQueueUnavailable(logger, exception);
            }

            if (delivery is null)
            {
                await WaitForWorkAsync(stoppingToken);
                continue;
            }

            try
            {
                await HandleAsync(delivery, stoppingToken);
            }
            catch (Exception exception) when (RedisConnection.IsUnavailable(exception))
            {
                // Redis went away mid-job: the message stays pending and is claimed again once Redis is back.
                LogQueueUnavailable(logger, exception);
            }
        }
    }

    /// <summary>Creates the consumer group and subscribes to notices, retrying until Redis answers.</summary>
    private async Task ConnectAsync(CancellationToken stoppingToken)
    {
        while (true)
        {
            try
            {
                await queue.EnsureGroupAsync();
                var subscriber = redis.GetSubscriber();
                await subscriber.SubscribeAsync(JobQueue.NewJobs, (_, _) => Wake());
                await subscriber.SubscribeAsync(JobQueue.Cancellations, (_, jobId) =>
                {
                    if (_running.TryGetValue(jobId.ToString(), out var cancel))
                    {
                        cancel.Cancel();
                    }
                });
                return;
            }
            catch (Exception exception) when (RedisConnection.IsUnavailable(exception))
            {
                LogQueueUnavailable(logger, exception);
                await Task.Delay(options.Value.PollInterval, time, stoppingToken);
            }
        }
    }

    private void Wake()
    {
        try
        {
            _wake.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already woken.
        }
    }

    private async Task WaitForWorkAsync(CancellationToken stoppingToken)
    {
        try
        {
            await _wake.WaitAsync(options.Value.PollInterval, stoppingToken);
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }

    private async Task HandleAsync(JobDelivery delivery, CancellationToken stoppingToken)
    {
        var job = await store.FindAsync(delivery.JobId);
        var started = job is null || job.IsFinished
            ? null
            : await store.UpdateAsync(job.Id, current => current.IsFinished
                ? null
                : current with { Status = JobStatus.Running, StartedAt = current.StartedAt ?? time.GetUtcNow(), Progress = 0, Attempts = current.Attempts + 1 });
        if (started is null || started.Status != JobStatus.Running)
        {
            // Finished or canceled before this delivery (a redelivery, or a job canceled while queued).
            await queue.AcknowledgeAsync(delivery);
            return;
        }

        var type = started.Type.ToString().ToLowerInvariant();
        var startedAt = time.GetTimestamp();
        using var activity = instrumentation.ActivitySource.StartActivity(
            $"job {type}", ActivityKind.Consumer, JobTracing.ParentOf(delivery.TraceContext));
        activity?.SetTag("job.id", started.Id);
        activity?.SetTag("job.type", type);
        activity?.SetTag("job.attempt", started.Attempts);
        activity?.SetTag("video.id", started.VideoId);
        activity?.SetTag("messaging.system", "redis");
        activity?.SetTag("messaging.destination.name", JobQueue.StreamKey.ToString());

        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        _running[started.Id] = cancel;
        var progress = new ProgressValue();
        using var monitorStop = new CancellationTokenSource();
        var monitor = MonitorAsync(started.Id, delivery, progress, cancel, monitorStop.Token);
        try
        {
            var outputs = await executor.ExecuteAsync(started, progress.Set, cancel.Token);
            await monitorStop.CancelAsync();
            await monitor;
            await store.UpdateAsync(started.Id, current => current.IsFinished
                ? null
                : current with { Status = JobStatus.Succeeded, Progress = 1, FinishedAt = time.GetUtcNow(), OutputIds = outputs });
            await queue.AcknowledgeAsync(delivery);
            metrics.JobFinished(type, "succeeded", time.GetElapsedTime(startedAt));
            LogJobSucceeded(logger, started.Id, started.Type, outputs.Count);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            await store.UpdateAsync(started.Id, current => current.IsFinished ? null : current with { Status = JobStatus.Queued, Progress = 0 });
            await queue.HandBackAsync(delivery);
            activity?.SetStatus(ActivityStatusCode.Error, "handed back at shutdown");
            LogJobHandedBack(logger, started.Id);
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            // Canceled through the API, which already stored the status.
            await queue.AcknowledgeAsync(delivery);
            activity?.SetStatus(ActivityStatusCode.Error, "canceled");
            metrics.JobFinished(type, "canceled", time.GetElapsedTime(startedAt));
            LogJobCanceled(logger, started.Id);
        }
        catch (JobFailedException exception)
        {
            await store.UpdateAsync(started.Id, current => current.IsFinished
                ? null
                : current with { Status = JobStatus.Failed, FinishedAt = time.GetUtcNow(), Error = new JobError(exception.Type, exception.Message) });
            await queue.AcknowledgeAsync(delivery);
            activity?.SetStatus(ActivityStatusCode.Error, exception.Message);
            activity?.SetTag("error.type", exception.Type);
            metrics.JobFinished(type, "failed", time.GetElapsedTime(startedAt));
            LogJobFailed(logger, started.Id, exception.Type, exception);
        }
        catch (Exception exception) when (exception is not OperationCanceledException && !RedisConnection.IsUnavailable(exception))
        {
            // Anything unforeseen fails this job only; the worker goes on with the next one. (Redis failing, say
            // while the outcome is stored, is not the job's fault: its message stays pending and it runs again.)
            await store.UpdateAsync(started.Id, current => current.IsFinished
                ? null
                : current with { Status = JobStatus.Failed, FinishedAt = time.GetUtcNow(), Error = new JobError(JobErrorTypes.Internal, exception.Message) });
            await queue.AcknowledgeAsync(delivery);
            activity?.SetStatus(ActivityStatusCode.Error, exception.Message);
            metrics.JobFinished(type, "failed", time.GetElapsedTime(startedAt));
            LogJobFailed(logger, started.Id, JobErrorTypes.Internal, exception);
        }
        finally
        {
            _running.TryRemove(started.Id, out _);
            await monitorStop.CancelAsync();
            await monitor;
        }
    }

    /// <summary>
    /// While a job runs: writes its progress, notices a cancellation the pub/sub notice may have missed, and keeps
    /// the queue message claimed so no other worker takes the job over.
    /// </summary>
    private async Task MonitorAsync(string jobId, JobDelivery delivery, ProgressValue progress, CancellationTokenSource cancel, CancellationToken stop)
    {
        var lastKept = time.GetUtcNow();
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(options.Value.ProgressInterval, time, stop);
                var reported = progress.Value;
                var current = await store.UpdateAsync(jobId, job =>
                    job.Status == JobStatus.Running && reported > job.Progress + 0.001 ? job with { Progress = Math.Round(reported, 3) } : null);
                if (current is null || current.Status == JobStatus.Canceled)
                {
                    await cancel.CancelAsync();
                }

                if (time.GetUtcNow() - lastKept >= options.Value.ClaimAfter / 3)
                {
                    await queue.KeepAsync(_consumer, delivery);
                    lastKept = time.GetUtcNow();
                }
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (Exception exception) when (RedisConnection.IsUnavailable(exception))
            {
                LogQueueUnavailable(logger, exception);
            }
        }
    }

    public override void Dispose()
    {
        _wake.Dispose();
        base.Dispose();
    }

    /// <summary>The latest progress ffmpeg reported, written from its output thread and read by the monitor.</summary>
    private sealed class ProgressValue
    {
        private double _value;

        public double Value => Volatile.Read(ref _value);

        public void Set(double value) => Volatile.Write(ref _value, value);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The job queue is unavailable")]
    private static partial void LogQueueUnavailable(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {JobId} ({Type}) succeeded with {Outputs} outputs")]
    private static partial void LogJobSucceeded(ILogger logger, string jobId, JobType type, int outputs);

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {JobId} was handed back to the queue at shutdown")]
    private static partial void LogJobHandedBack(ILogger logger, string jobId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {JobId} was canceled")]
    private static partial void LogJobCanceled(ILogger logger, string jobId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {JobId} failed ({ErrorType})")]
    private static partial void LogJobFailed(ILogger logger, string jobId, string errorType, Exception exception);
}
