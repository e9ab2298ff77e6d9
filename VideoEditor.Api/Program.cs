using Microsoft.Extensions.Diagnostics.HealthChecks;
using VideoEditor.Api.Http;
using VideoEditor.Api.Jobs;
using VideoEditor.Api.Previews;
using VideoEditor.Api.Reference;
using VideoEditor.Api.Security;
using VideoEditor.Api.Thumbnails;
using VideoEditor.Api.Videos;
using VideoEditor.ServiceDefaults.Telemetry;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddVideoEditorRedis(RedisConnection.Queue);
// Without its cache the api still answers every thumbnail (made again): /health says Degraded, not Unhealthy.
builder.AddVideoEditorRedis(RedisConnection.Cache, whenDown: HealthStatus.Degraded);
builder.AddVideoMedia();
builder.AddApiContract();
builder.AddHttpErrors();
builder.AddApiSecurity();

builder.AddVideos();
builder.AddThumbnails();
builder.AddPreviews();

var app = builder.Build();

app.UseApiMetrics();
app.UseHttpErrors();
app.UseApiSecurity();

app.MapOpenApi();
app.MapApiReference();
app.MapDefaultEndpoints();

// Every route of a video hangs on one group; each feature adds its own.
app.MapGroup(ApiRoutes.Videos)
    .MapVideos()
    .MapThumbnails()
    .MapStoryboards()
    .MapJobSubmissions();
app.MapGroup(ApiRoutes.Jobs)
    .MapJobs();

app.Run();
