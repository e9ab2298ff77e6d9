using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Caching.StackExchangeRedis;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using StackExchange.Redis;
using VideoEditor.Api.Videos;
using VideoEditor.Media;
using VideoEditor.Media.Storage;
using VideoEditor.Media.Videos;
using VideoEditor.ServiceDefaults.Telemetry;

namespace VideoEditor.Api.Thumbnails;

public static class ThumbnailEndpoints
{
    /// <summary>Tells a client whether the image came from the cache (<c>hit</c>) or was just made (<c>miss</c>).</summary>
    public const string CacheHeader = "X-Thumbnail-Cache";

    /// <summary>Tells a client what the image is made from: <c>preview</c> (a preview keyframe, resized) or <c>ffmpeg</c>.</summary>
    public const string SourceHeader = "X-Thumbnail-Source";

    public static TBuilder AddThumbnails<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Services.AddOptions<ThumbnailOptions>().BindConfiguration(ThumbnailOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        AddThumbnailCache(builder.Services);
        builder.Services.AddSingleton<ThumbnailCache>();
        builder.Services.AddSingleton<ThumbnailService>();
        return builder;
    }

    /// <summary>
    /// HybridCache with a bounded first level in the process and Redis as the second, on the app's own Redis
    /// connection (its 1 s time limits) behind the service's circuit breaker. The first level is the app's
    /// <see cref="IMemoryCache"/>, bounded in bytes: HybridCache sizes each entry by its payload, and anything else
    /// that used this IMemoryCache would have to set sizes too.
    /// </summary>
    private static void AddThumbnailCache(IServiceCollection services)
    {
        services.AddOptions<MemoryCacheOptions>().Configure<IOptions<ThumbnailOptions>>((cache, thumbnails) => cache.SizeLimit = thumbnails.Value.LocalCacheBytes);
        services.AddOptions<RedisCacheOptions>().Configure<IConnectionMultiplexer>((cache, redis) =>
        {
            cache.InstanceName = ThumbnailCache.RedisPrefix;
            cache.ConnectionMultiplexerFactory = () => Task.FromResult(redis);
        });
        // RedisCache is not disposed here: it would close the connection the rest of the app shares.
        services.AddSingleton<IDistributedCache>(provider => new ResilientDistributedCache(
            new RedisCache(provider.GetRequiredService<IOptions<RedisCacheOptions>>()),
            provider.GetRequiredService<RedisCircuit>(),
            provider.GetRequiredService<ILogger<ResilientDistributedCache>>()));
        services.AddHybridCache();
        services.AddOptions<HybridCacheOptions>().Configure<IOptions<ThumbnailOptions>>((cache, thumbnails) =>
            cache.MaximumPayloadBytes = thumbnails.Value.MaxCachedImageBytes);
    }

    public static IEndpointRouteBuilder MapThumbnails(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/videos/{id}/thumbnail", GetAsync)
            .WithTags("Thumbnails")
            .WithSummary("One frame at t seconds as jpeg, png or webp")
            .WithDescription("accurate=false (default) returns the keyframe at or before t, which is fast; accurate=true returns the exact frame.");
        return routes;
    }

    private static async Task<Results<FileContentHttpResult, StatusCodeHttpResult, ValidationProblem, ProblemHttpResult>> GetAsync(
        string id,
        HttpContext context,
        IVideoStorage storage,
        ThumbnailService thumbnails,
        IOptions<VideoLimits> limits,
        VideoEditorMetrics metrics,
        CancellationToken cancellationToken)
    {
        if (await storage.FindAsync(id, cancellationToken) is not { } video)
        {
            Refused(metrics, VideoEditorMetrics.ErrorType.NotFound);
            return VideoEndpoints.NotFound(id);
        }

        var (spec, errors) = ThumbnailQuery.Parse(context.Request.Query, video, limits.Value.MaxDimension);
        if (spec is null)
        {
            Refused(metrics, VideoEditorMetrics.ErrorType.InvalidRequest);
            return TypedResults.ValidationProblem(errors);
        }

        var plan = await thumbnails.PlanAsync(video, spec, cancellationToken);
        var etag = new EntityTagHeaderValue(ThumbnailCache.ETag(plan.Key));
        var response = context.Response;
        response.Headers.CacheControl = "public, max-age=31536000, immutable";
        response.Headers.ETag = etag.ToString();
        response.Headers[SourceHeader] = plan.Source;

        var ifNoneMatch = context.Request.GetTypedHeaders().IfNoneMatch;
        if (ifNoneMatch.Any(tag => tag.Equals(EntityTagHeaderValue.Any) || tag.Compare(etag, useStrongComparison: false)))
        {
            metrics.ThumbnailAnswered(VideoEditorMetrics.Status.NotModified);
            return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        }

        var thumbnail = await thumbnails.GetAsync(video, plan, cancellationToken);
        response.Headers[CacheHeader] = thumbnail.FromCache ? "hit" : "miss";
        return TypedResults.File(thumbnail.Image, thumbnail.ContentType);
    }

    private static void Refused(VideoEditorMetrics metrics, string errorType)
    {
        metrics.ThumbnailAnswered(VideoEditorMetrics.Status.Error);
        metrics.ThumbnailFailed(errorType);
    }
}
