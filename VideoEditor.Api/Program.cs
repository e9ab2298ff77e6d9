using System.Text.Json;
using System.Text.Json.Serialization;
using VideoEditor.Api.Errors;
using VideoEditor.Api.Jobs;
using VideoEditor.Api.Previews;
using VideoEditor.Api.Security;
using VideoEditor.Api.Thumbnails;
using VideoEditor.Api.Videos;
using VideoEditor.ServiceDefaults.Telemetry;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddVideoEditorRedis();
builder.AddVideoMedia();
builder.AddThumbnails();
builder.AddApiSecurity();

builder.Services.AddProblemDetails();
builder.Services.AddExceptionHandler<ServiceExceptionHandler>();
builder.Services.AddOpenApi();
builder.Services.ConfigureHttpJsonOptions(options =>
    options.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase)));
builder.Services.AddSingleton<UploadReceiver>();
builder.Services.AddSingleton<PreviewCatalog>();

var app = builder.Build();

app.UseApiMetrics();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseApiSecurity();

app.MapOpenApi();
app.MapDefaultEndpoints();
app.MapVideos();
app.MapThumbnails();
app.MapStoryboards();
app.MapJobs();

app.Run();
