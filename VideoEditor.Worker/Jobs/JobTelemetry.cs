using System.Diagnostics;
using VideoEditor.Media;
using VideoEditor.Media.Jobs;
using VideoEditor.ServiceDefaults.Telemetry;

namespace VideoEditor.Worker.Jobs;

/// <summary>
/// What a job run tells the outside: its span, continuing the trace of the request that queued the job; its
/// duration and outcome in the job metrics; one log line, written inside the span so it carries the trace id.
/// </summary>
public sealed partial class JobTelemetry(VideoEditorInstrumentation instrumentation, VideoEditorMetrics metrics, TimeProvider time, ILogger<JobTelemetry> logger)
{
    private readonly ILogger _logger = logger;

    /// <summary>
    /// Starts the job's span. Called from the run itself (not an async helper), so the span is the current one for
    /// everything the run does until the returned record is disposed.
    /// </summary>
    public JobRunRecord Begin(Job job, JobDelivery delivery)
    {
        var type = job.Type.Label();
        var activity = instrumentation.ActivitySource.StartActivity($"job {type}", ActivityKind.Consumer, JobTracing.ParentOf(delivery.TraceContext));
        activity?.SetTag("job.id", job.Id);
        activity?.SetTag("job.type", type);
        activity?.SetTag("job.attempt", job.Attempts);
        activity?.SetTag("video.id", job.VideoId);
        activity?.SetTag("messaging.system", "redis");
        activity?.SetTag("messaging.destination.name", RedisKeys.JobQueue.ToString());
        return new JobRunRecord(this, job, activity, time.GetTimestamp());
    }

    /// <summary>One job run as <see cref="JobTelemetry"/> records it.</summary>
    public sealed class JobRunRecord(JobTelemetry telemetry, Job job, Activity? activity, long started) : IDisposable
    {
        public void Succeeded(int outputs)
        {
            telemetry.Finished(job, MetricLabels.JobOutcome.Succeeded, started);
            LogSucceeded(telemetry._logger, job.Id, job.Type, outputs);
        }

        public void Failed(JobError error, Exception exception)
        {
            activity?.SetStatus(ActivityStatusCode.Error, exception.Message);
            activity?.SetTag("error.type", error.Type);
            telemetry.Finished(job, MetricLabels.JobOutcome.Failed, started);
            LogFailed(telemetry._logger, job.Id, error.Type, exception);
        }

        /// <summary>Canceled through the API.</summary>
        public void Canceled()
        {
            activity?.SetStatus(ActivityStatusCode.Error, "canceled");
            telemetry.Finished(job, MetricLabels.JobOutcome.Canceled, started);
            LogCanceled(telemetry._logger, job.Id);
        }

        /// <summary>The worker is stopping: the job waits for another run, which counts its outcome.</summary>
        public void HandedBack()
        {
            activity?.SetStatus(ActivityStatusCode.Error, "handed back at shutdown");
            LogHandedBack(telemetry._logger, job.Id);
        }

        public void Dispose() => activity?.Dispose();
    }

    /// <summary>A job given up before its run: started too often already.</summary>
    public void GaveUp(Job job)
    {
        metrics.JobFinished(job.Type.Label(), MetricLabels.JobOutcome.Failed, TimeSpan.Zero);
        LogGaveUp(_logger, job.Id, job.Attempts);
    }

    private void Finished(Job job, string outcome, long started) => metrics.JobFinished(job.Type.Label(), outcome, time.GetElapsedTime(started));

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {JobId} ({Type}) succeeded with {Outputs} outputs")]
    private static partial void LogSucceeded(ILogger logger, string jobId, JobType type, int outputs);

    [LoggerMessage(Level = LogLevel.Error, Message = "Job {JobId} failed: started {Attempts} times, and its worker stopped or died each time")]
    private static partial void LogGaveUp(ILogger logger, string jobId, int attempts);

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {JobId} was handed back to the queue at shutdown")]
    private static partial void LogHandedBack(ILogger logger, string jobId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {JobId} was canceled")]
    private static partial void LogCanceled(ILogger logger, string jobId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {JobId} failed ({ErrorType})")]
    private static partial void LogFailed(ILogger logger, string jobId, string errorType, Exception exception);
}
