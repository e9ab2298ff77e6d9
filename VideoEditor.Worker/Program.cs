using VideoEditor.Worker.Presence;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddRedisClient("cache");
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddOptions<WorkerPresenceOptions>()
    .Bind(builder.Configuration.GetSection(WorkerPresenceOptions.SectionName))
    .ValidateDataAnnotations()
    .ValidateOnStart();
builder.Services.AddHostedService<WorkerPresence>();

var app = builder.Build();

app.MapDefaultEndpoints();

app.Run();
