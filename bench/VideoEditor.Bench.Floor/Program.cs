using StackExchange.Redis;

// The least any server can do to answer from Redis: GET the bytes and write them. No telemetry, no validation, no
// middleware. The benchmark stores copies of what the api answers (a cached thumbnail, a video's JSON) under
// video-editor-bench:floor:{name} and measures the api against this (README.md, section "Benchmark").

var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();
var redis = await ConnectionMultiplexer.ConnectAsync(
    builder.Configuration.GetConnectionString("cache") ?? throw new InvalidOperationException("ConnectionStrings:cache is not set."));
builder.Services.AddSingleton<IConnectionMultiplexer>(redis);

var app = builder.Build();
app.MapGet("/floor/{name}", async (string name, IConnectionMultiplexer redis) =>
    await redis.GetDatabase().StringGetAsync($"video-editor-bench:floor:{name}") is { IsNull: false } value
        ? Results.Bytes((byte[])value!, name == "thumbnail" ? "image/jpeg" : "application/json")
        : Results.NotFound());
app.MapGet("/alive", () => "ok");
app.Run();
