using Microsoft.Extensions.Caching.Distributed;
using VideoEditor.Media;

namespace VideoEditor.Api.Thumbnails;

/// <summary>
/// The second cache level, Redis, through the cache connection's <see cref="RedisCircuit"/>: while Redis is down every
/// call is a miss (or a skipped write) at once, never an error, whatever HybridCache would make of the exception.
/// </summary>
public sealed partial class ResilientDistributedCache(IDistributedCache redis, RedisCircuit circuit, ILogger<ResilientDistributedCache> logger) : IDistributedCache
{
    public byte[]? Get(string key) => GetAsync(key).GetAwaiter().GetResult();

    public Task<byte[]?> GetAsync(string key, CancellationToken token = default) => GuardAsync(() => redis.GetAsync(key, token), null);

    public void Set(string key, byte[] value, DistributedCacheEntryOptions options) => SetAsync(key, value, options).GetAwaiter().GetResult();

    public Task SetAsync(string key, byte[] value, DistributedCacheEntryOptions options, CancellationToken token = default) =>
        GuardAsync(() => redis.SetAsync(key, value, options, token));

    public void Refresh(string key) => RefreshAsync(key).GetAwaiter().GetResult();

    public Task RefreshAsync(string key, CancellationToken token = default) => GuardAsync(() => redis.RefreshAsync(key, token));

    public void Remove(string key) => RemoveAsync(key).GetAwaiter().GetResult();

    public Task RemoveAsync(string key, CancellationToken token = default) => GuardAsync(() => redis.RemoveAsync(key, token));

    private async Task<T> GuardAsync<T>(Func<Task<T>> call, T whenUnavailable)
    {
        try
        {
            return await circuit.RunAsync(call);
        }
        catch (Exception exception) when (RedisConnection.IsUnavailable(exception))
        {
            LogUnavailable(logger, exception);
            return whenUnavailable;
        }
    }

    private Task GuardAsync(Func<Task> call) => GuardAsync(async () => { await call(); return true; }, false);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The thumbnail cache in Redis is unavailable")]
    private static partial void LogUnavailable(ILogger logger, Exception exception);
}
