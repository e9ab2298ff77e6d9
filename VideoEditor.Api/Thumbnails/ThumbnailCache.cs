using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using VideoEditor.Api.Videos;
using VideoEditor.Media;
using VideoEditor.Media.FFmpeg;
using VideoEditor.Media.Videos;
using VideoEditor.ServiceDefaults.Telemetry;

namespace VideoEditor.Api.Thumbnails;

/// <summary>
/// Thumbnails in two levels through <see cref="HybridCache"/>: a bounded level in this process in front of Redis.
/// Keys name the video and the normalised request. Each entry is tagged with its video, and its Redis key is also
/// listed in a set per video, because HybridCache's tag removal only marks the Redis entries stale (a timestamp
/// key it checks on read) and leaves them in Redis: deleting a video removes both levels' entries by key, then the
/// tag, for any entry the set missed. Redis being away is a cache miss, never an error.
/// </summary>
public sealed partial class ThumbnailCache(
    HybridCache cache,
    [FromKeyedServices(RedisConnection.Cache)] IConnectionMultiplexer redis,
    [FromKeyedServices(RedisConnection.Cache)] RedisCircuit circuit,
    IOptions<ThumbnailOptions> options,
    VideoEditorInstrumentation instrumentation,
    ILogger<ThumbnailCache> logger) : IVideoCleanup
{
    private readonly HybridCacheEntryOptions _entryOptions = new()
    {
        Expiration = options.Value.CacheTimeToLive,
        LocalCacheExpiration = options.Value.LocalCacheTimeToLive,
    };

    /// <summary>A thumbnail ffmpeg makes from the video at the requested time.</summary>
    public static string Key(string videoId, ThumbnailSpec spec) => string.Create(CultureInfo.InvariantCulture,
        $"{videoId}:t={spec.Time:0.###}:w={spec.Width}:h={spec.Height}:{spec.Format.Name()}:{(spec.Accurate ? "exact" : "key")}");

    /// <summary>A thumbnail made from the preview keyframe at <paramref name="keyframeTime"/>: every t up to the next keyframe shares it.</summary>
    public static string PreviewKey(string videoId, double keyframeTime, int width, int height, ImageFormat format) => string.Create(CultureInfo.InvariantCulture,
        $"{videoId}:keyframe={keyframeTime:0.######}:w={width}:h={height}:{format.Name()}");

    /// <summary>A strong validator derived from the key: a thumbnail never changes once made, since videos never do.</summary>
    public static string ETag(string key) => $"\"{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)).AsSpan(0, 12))}\"";

    private static string Tag(string videoId) => $"video:{videoId}";

    /// <summary>
    /// The cached image, or the one <paramref name="make"/> makes now (then cached if it is at most
    /// <see cref="ThumbnailOptions.MaxCachedImageBytes"/>); whether it came from the cache. Callers asking for the same
    /// key at once share one making, cached or not.
    /// </summary>
    public async Task<(byte[] Image, bool FromCache)> GetOrCreateAsync(
        string videoId, string key, Func<CancellationToken, Task<byte[]>> make, CancellationToken cancellationToken)
    {
        using var activity = instrumentation.ActivitySource.StartActivity("thumbnail cache get");
        activity?.SetTag("cache.key", key);
        var made = false;
        byte[] image;
        try
        {
            image = await cache.GetOrCreateAsync(key, async token =>
            {
                made = true;
                var bytes = await make(token);
                if (bytes.Length > options.Value.MaxCachedImageBytes)
                {
                    // HybridCache serializes what it stores into buffers from the shared ArrayPool, which keeps large
                    // arrays: eight 4 MB pngs at once took the api from 80 to 264 MB, and more each round. Thrown, the
                    // image reaches every caller waiting on this key and is stored nowhere.
                    throw new NotCachedImage(bytes);
                }

                await ListAsync(videoId, key);
                return bytes;
            }, _entryOptions, [Tag(videoId)], cancellationToken);
        }
        catch (NotCachedImage large)
        {
            image = large.Image;
        }

        activity?.SetTag("cache.hit", !made);
        activity?.SetTag("cache.item_size", image.Length);
        return (image, !made);
    }

    /// <summary>An image made but too large to cache, passed out of HybridCache's factory to the callers.</summary>
    private sealed class NotCachedImage(byte[] image) : Exception("The image is too large to cache.")
    {
        public byte[] Image { get; } = image;
    }

    /// <summary>
    /// Removes every thumbnail of the video from both levels. Its index is read a page at a time (SSCAN) and each page
    /// removed before the next is read, so that however many thumbnails a video has, at most
    /// <see cref="ThumbnailOptions.ForgetBatchSize"/> keys are held at once.
    /// </summary>
    public async Task ForgetAsync(string videoId)
    {
        var index = RedisKeys.ThumbnailIndex(videoId);
        var batchSize = options.Value.ForgetBatchSize;
        try
        {
            var database = redis.GetDatabase();
            var batch = new List<string>(batchSize);
            await using var keys = database.SetScanAsync(index, pageSize: batchSize).GetAsyncEnumerator();
            // Each step may read the next page from Redis: each goes through the circuit.
            while (await circuit.RunAsync(() => keys.MoveNextAsync().AsTask()))
            {
                batch.Add(keys.Current.ToString());
                if (batch.Count == batchSize)
                {
                    await cache.RemoveAsync(batch);
                    batch.Clear();
                }
            }

            await cache.RemoveAsync(batch);
            await circuit.RunAsync(() => database.KeyDeleteAsync(index));
        }
        catch (Exception exception) when (RedisConnection.IsUnavailable(exception))
        {
            LogUnavailable(logger, exception);
        }

        await cache.RemoveByTagAsync(Tag(videoId));
    }

    private async Task ListAsync(string videoId, string key)
    {
        try
        {
            var database = redis.GetDatabase();
            var timeToLive = options.Value.CacheTimeToLive;
            await circuit.RunAsync(() => Task.WhenAll(
                database.SetAddAsync(RedisKeys.ThumbnailIndex(videoId), key),
                database.KeyExpireAsync(RedisKeys.ThumbnailIndex(videoId), timeToLive)));
        }
        catch (Exception exception) when (RedisConnection.IsUnavailable(exception))
        {
            LogUnavailable(logger, exception);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The thumbnail cache is unavailable")]
    private static partial void LogUnavailable(ILogger logger, Exception exception);
}
