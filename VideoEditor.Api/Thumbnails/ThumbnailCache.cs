using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using VideoEditor.Media;
using VideoEditor.Media.FFmpeg;
using VideoEditor.ServiceDefaults.Telemetry;

namespace VideoEditor.Api.Thumbnails;

/// <summary>
/// Thumbnails in Redis, keyed by video id and the normalised request. A video's keys are also listed in a set,
/// so deleting the video deletes its thumbnails. Redis being away is a cache miss, never an error.
/// </summary>
public sealed partial class ThumbnailCache(
    IConnectionMultiplexer redis,
    RedisCircuit circuit,
    IOptions<ThumbnailOptions> options,
    VideoEditorInstrumentation instrumentation,
    ILogger<ThumbnailCache> logger)
{
    public static string Key(string videoId, ThumbnailSpec spec) => string.Create(CultureInfo.InvariantCulture,
        $"video-editor:thumbnails:{videoId}:t={spec.Time:0.###}:w={spec.Width}:h={spec.Height}:{spec.Format.ToString().ToLowerInvariant()}:{(spec.Accurate ? "exact" : "key")}");

    /// <summary>A strong validator derived from the key: a thumbnail never changes once made, since videos never do.</summary>
    public static string ETag(string key) => $"\"{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)).AsSpan(0, 12))}\"";

    private static RedisKey IndexKey(string videoId) => $"video-editor:thumbnails:{videoId}";

    public async Task<byte[]?> GetAsync(string key)
    {
        using var activity = instrumentation.ActivitySource.StartActivity("thumbnail cache get");
        activity?.SetTag("cache.key", key);
        try
        {
            var value = await circuit.RunAsync(() => redis.GetDatabase().StringGetAsync(key));
            var image = value.IsNull ? null : (byte[])value!;
            activity?.SetTag("cache.hit", image is not null);
            activity?.SetTag("cache.item_size", image?.Length);
            return image;
        }
        catch (Exception exception) when (RedisConnection.IsUnavailable(exception))
        {
            activity?.SetStatus(System.Diagnostics.ActivityStatusCode.Error, "cache unavailable");
            LogUnavailable(logger, exception);
            return null;
        }
    }

    public async Task SetAsync(string videoId, string key, byte[] image)
    {
        using var activity = instrumentation.ActivitySource.StartActivity("thumbnail cache set");
        activity?.SetTag("cache.key", key);
        activity?.SetTag("cache.item_size", image.Length);
        try
        {
            var database = redis.GetDatabase();
            var timeToLive = options.Value.CacheTimeToLive;
            await circuit.RunAsync(() => Task.WhenAll(
                database.StringSetAsync(key, image, timeToLive),
                database.SetAddAsync(IndexKey(videoId), key),
                database.KeyExpireAsync(IndexKey(videoId), timeToLive)));
        }
        catch (Exception exception) when (RedisConnection.IsUnavailable(exception))
        {
            LogUnavailable(logger, exception);
        }
    }

    public async Task ForgetVideoAsync(string videoId)
    {
        try
        {
            var database = redis.GetDatabase();
            var keys = await circuit.RunAsync(() => database.SetMembersAsync(IndexKey(videoId)));
            await circuit.RunAsync(() => database.KeyDeleteAsync([.. keys.Select(key => (RedisKey)key.ToString()), IndexKey(videoId)]));
        }
        catch (Exception exception) when (RedisConnection.IsUnavailable(exception))
        {
            LogUnavailable(logger, exception);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The thumbnail cache is unavailable")]
    private static partial void LogUnavailable(ILogger logger, Exception exception);
}
