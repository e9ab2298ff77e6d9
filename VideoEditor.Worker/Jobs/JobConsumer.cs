using Microsoft.Extensions.Options;
using VideoEditor.Media.Jobs;

namespace VideoEditor.Worker.Jobs;

/// <summary>
/// Takes jobs from the Redis queue one at a time and hands each to the <see cref="JobRunner"/>. A new-job notice
/// wakes it at once; without one it looks again every <see cref="JobConsumerOptions.PollInterval"/>, which also
/// finds the jobs of a worker that died (claimed after <see cref="JobConsumerOptions.ClaimAfter"/>).
/// </summary>
public sealed partial class JobConsumer(
    JobQueue queue, JobRunner runner, RunningJobs runningJobs, WorkerInstance worker, IOptions<JobConsumerOptions> options, TimeProvider time, ILogger<JobConsumer> logger)
    : BackgroundService
{
    private readonly SemaphoreSlim _wake = new(0, 1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await ConnectAsync(stoppingToken);
        while (!stoppingToken.IsCancellationRequested)
        {
            JobDelivery? delivery = null;
            try
            {
                delivery = await queue.TakeAsync(worker.Name, options.Value.ClaimAfter);
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
                await runner.RunAsync(delivery, stoppingToken);
            }
            catch (Exception exception) when (RedisConnection.IsUnavailable(exception))
            {
                // Redis went away mid-job: the message stays pending and is claimed again once Redis is back.
                LogQueueUnavailable(logger, exception);
            }
        }
    }

    /// <summary>Creates the consumer group and subscribes to the queue's notices, retrying until Redis answers.</summary>
    private async Task ConnectAsync(CancellationToken stoppingToken)
    {
        while (true)
        {
            try
            {
                await queue.EnsureGroupAsync();
                await queue.SubscribeAsync(newJob: Wake, canceled: runningJobs.Cancel);
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

    public override void Dispose()
    {
        _wake.Dispose();
        base.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The job queue is unavailable")]
    private static partial void LogQueueUnavailable(ILogger logger, Exception exception);
}
