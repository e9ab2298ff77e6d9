using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Caching.StackExchangeRedis;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using VideoEditor.Api.Videos;
using VideoEditor.Media;

namespace VideoEditor.Api.Thumbnails;

public static class ThumbnailServices
{
    /// <summary>Thumbnails made from the previews or by ffmpeg, in a two-level cache forgotten with their video.</summary>
    public static TBuilder AddThumbnails<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Services.AddValidatedOptions<ThumbnailOptions>(ThumbnailOptions.SectionName);
        AddThumbnailCache(builder.Services);
        builder.Services.AddSingleton<ThumbnailCache>();
        builder.Services.AddSingleton<IVideoCleanup>(provider => provider.GetRequiredService<ThumbnailCache>());
        builder.Services.AddSingleton<RenderGate>();
        builder.Services.AddSingleton<ThumbnailService>();
        return builder;
    }

    /// <summary>
    /// HybridCache with a bounded first level in the process and Redis as the second, on the cache's own Redis
    /// connection (its 1 s time limits) behind that connection's circuit breaker. The first level is the app's
    /// <see cref="IMemoryCache"/>, bounded in bytes: HybridCache sizes each entry by its payload, and anything else
    /// that used this IMemoryCache would have to set sizes too.
    /// </summary>
    private static void AddThumbnailCache(IServiceCollection services)
    {
        services.AddOptions<MemoryCacheOptions>().Configure<IOptions<ThumbnailOptions>>((cache, thumbnails) => cache.SizeLimit = thumbnails.Value.LocalCacheBytes);
        services.AddOptions<RedisCacheOptions>().Configure<IServiceProvider>((cache, provider) =>
        {
            var redis = provider.GetRequiredKeyedService<IConnectionMultiplexer>(RedisConnection.Cache);
            cache.InstanceName = RedisKeys.Thumbnails;
            cache.ConnectionMultiplexerFactory = () => Task.FromResult(redis);
        });
        // RedisCache is not disposed here: it would close the connection ThumbnailCache shares.
        services.AddSingleton<IDistributedCache>(provider => new ResilientDistributedCache(
            new RedisCache(provider.GetRequiredService<IOptions<RedisCacheOptions>>()),
            provider.GetRequiredKeyedService<RedisCircuit>(RedisConnection.Cache),
            provider.GetRequiredService<ILogger<ResilientDistributedCache>>()));
        services.AddHybridCache();
        services.AddOptions<HybridCacheOptions>().Configure<IOptions<ThumbnailOptions>>((cache, thumbnails) =>
            cache.MaximumPayloadBytes = thumbnails.Value.MaxCachedImageBytes);
    }
}
