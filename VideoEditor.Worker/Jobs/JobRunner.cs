using Microsoft.Extensions.Options;
using VideoEditor.Media.Jobs;

namespace VideoEditor.Worker.Jobs;

/// <summary>
/// Runs one job taken from the queue through its lifecycle (<see cref="Job"/> says which changes are allowed): started
/// in the store, executed while a heartbeat writes its progress, then its outcome stored before the queue message is
/// acknowledged. A job whose worker stops is handed back to the queue; one whose worker dies stays pending and is
/// claimed by another: an accepted job is never lost. One started <see cref="JobLimits.MaxAttempts"/> times ends failed.
/// </summary>
public sealed class JobRunner(
    JobStore store,
    JobQueue queue,
    JobExecutor executor,
    JobHeartbeat heartbeat,
    RunningJobs runningJobs,
    JobTelemetry telemetry,
    IOptions<JobLimits> limits,
    TimeProvider time)
{
    public async Task RunAsync(JobDelivery delivery, CancellationToken stoppingToken)
    {
        var gaveUp = false;
        var started = await store.UpdateAsync(delivery.JobId, job =>
        {
            var next = job.Start(time.GetUtcNow(), limits.Value.MaxAttempts);
            gaveUp = next is { Status: JobStatus.Failed };
            return next;
        });
        if (gaveUp)
        {
            await queue.AcknowledgeAsync(delivery);
            telemetry.GaveUp(started!);
            return;
        }

        if (started is not { Status: JobStatus.Running } job)
        {
            // Gone, finished or canceled before this delivery (a redelivery, or a job canceled while queued).
            await queue.AcknowledgeAsync(delivery);
            return;
        }

        using var record = telemetry.Begin(job, delivery);
        using var running = runningJobs.Track(job.Id, stoppingToken);
        var progress = new JobProgress();
        using var stopBeating = new CancellationTokenSource();
        var beating = heartbeat.BeatAsync(job.Id, delivery, progress, running, stopBeating.Token);
        try
        {
            var outputs = await executor.ExecuteAsync(job, progress.Report, running.Token);
            await stopBeating.CancelAsync();
            await beating;
            await FinishAsync(delivery, current => current.Succeed(outputs, time.GetUtcNow()));
            record.Succeeded(outputs.Count);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            await store.UpdateAsync(job.Id, current => current.Requeue());
            await queue.HandBackAsync(delivery);
            record.HandedBack();
        }
        catch (OperationCanceledException) when (running.Token.IsCancellationRequested)
        {
            // Canceled through the API, which already stored the status.
            await queue.AcknowledgeAsync(delivery);
            record.Canceled();
        }
        catch (Exception exception) when (exception is not OperationCanceledException && !RedisConnection.IsUnavailable(exception))
        {
            // A job that cannot succeed says why; anything unforeseen fails this job only, and the worker goes on with
            // the next. (Redis failing, say while the outcome is stored, is not the job's fault: its message stays
            // pending and it runs again.)
            var error = exception is JobFailedException failed ? failed.Error : new JobError(JobErrorTypes.Internal, exception.Message);
            await FinishAsync(delivery, current => current.Fail(error, time.GetUtcNow()));
            record.Failed(error, exception);
        }
        finally
        {
            await stopBeating.CancelAsync();
            await beating;
        }
    }

    private async Task FinishAsync(JobDelivery delivery, Func<Job, Job?> outcome)
    {
        await store.UpdateAsync(delivery.JobId, outcome);
        await queue.AcknowledgeAsync(delivery);
    }
}
