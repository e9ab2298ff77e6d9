using Microsoft.Extensions.DependencyInjection.Extensions;

namespace VideoEditor.Worker.Jobs;

public static class JobServices
{
    /// <summary>Takes jobs from the queue and runs them with ffmpeg; samples the queue for the job gauges.</summary>
    public static TBuilder AddJobs<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Services.AddValidatedOptions<JobConsumerOptions>(JobConsumerOptions.SectionName)
            .Validate(jobs => jobs.ClaimAfter >= 3 * jobs.ProgressInterval, "Jobs:ClaimAfter must be at least three times Jobs:ProgressInterval.");
        builder.Services.TryAddSingleton<WorkerInstance>();
        builder.Services.AddSingleton<RunningJobs>();
        builder.Services.AddSingleton<JobExecutor>();
        builder.Services.AddSingleton<JobHeartbeat>();
        builder.Services.AddSingleton<JobTelemetry>();
        builder.Services.AddSingleton<JobRunner>();
        builder.Services.AddHostedService<JobConsumer>();
        builder.Services.AddHostedService<JobQueueSampler>();
        return builder;
    }
}
