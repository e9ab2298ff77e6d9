using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;
using VideoEditor.Media;

namespace Microsoft.Extensions.Hosting;

public static class RedisConnection
{
    public const string Name = "cache";

    /// <summary>
    /// The Redis connection of every service, with short time limits: while Redis is away, a call fails in about a
    /// second (the thumbnail cache is skipped, a job submission answers 503) instead of holding the request for
    /// the client's default five seconds; reconnection is automatic.
    /// </summary>
    public static TBuilder AddVideoEditorRedis<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.AddRedisClient(Name, configureOptions: options =>
        {
            options.AbortOnConnectFail = false;
            options.ConnectTimeout = 2_000;
            options.SyncTimeout = 1_000;
            options.AsyncTimeout = 1_000;
            options.ReconnectRetryPolicy = new ExponentialRetry(deltaBackOffMilliseconds: 250, maxDeltaBackOffMilliseconds: 2_000);
        });
        builder.Services.AddSingleton<RedisCircuit>();
        return builder;
    }

    /// <summary>
    /// Whether an exception means Redis is unreachable or too slow: a <see cref="RedisException"/>, a
    /// <see cref="RedisTimeoutException"/> (which derives from <see cref="TimeoutException"/> instead), or the
    /// <see cref="RedisCircuit"/> refusing calls while it is open.
    /// </summary>
    public static bool IsUnavailable(Exception exception) =>
        exception is RedisException or RedisTimeoutException or Polly.CircuitBreaker.BrokenCircuitException;
}
