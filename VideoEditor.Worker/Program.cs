using VideoEditor.Worker.Jobs;
using VideoEditor.Worker.Presence;
using VideoEditor.Worker.Previews;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddVideoEditorRedis(RedisConnection.Queue);
builder.AddVideoMedia();

builder.AddJobs();
builder.AddPreviews();
builder.AddWorkerPresence();

var app = builder.Build();

app.MapDefaultEndpoints();

app.Run();
