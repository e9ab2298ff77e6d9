using VideoEditor.Worker.Jobs;
using VideoEditor.Worker.Presence;
using VideoEditor.Worker.Previews;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddVideoEditorRedis();
builder.AddVideoMedia();

builder.Services.AddOptions<WorkerPresenceOptions>()
    .BindConfiguration(WorkerPresenceOptions.SectionName)
    .ValidateDataAnnotations()
    .ValidateOnStart();
builder.Services.AddOptions<JobConsumerOptions>()
    .BindConfiguration(JobConsumerOptions.SectionName)
    .ValidateDataAnnotations()
    .Validate(jobs => jobs.ClaimAfter >= 3 * jobs.ProgressInterval, "Jobs:ClaimAfter must be at least three times Jobs:ProgressInterval.")
    .ValidateOnStart();
builder.Services.AddOptions<PreviewOptions>()
    .BindConfiguration(PreviewOptions.SectionName)
    .ValidateDataAnnotations()
    .ValidateOnStart();
builder.Services.AddSingleton<PreviewMaker>();
builder.Services.AddSingleton<JobExecutor>();
builder.Services.AddHostedService<WorkerPresence>();
builder.Services.AddHostedService<JobConsumer>();
builder.Services.AddHostedService<JobQueueSampler>();
builder.Services.AddHostedService<PreviewBackfill>();

var app = builder.Build();

app.MapDefaultEndpoints();

app.Run();
