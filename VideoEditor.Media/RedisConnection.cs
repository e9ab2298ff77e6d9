using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using StackExchange.Redis;
using VideoEditor.Media;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// The services' two Redis connections, each a keyed <see cref="IConnectionMultiplexer"/> with a
/// <see cref="RedisCircuit"/> of its own under the same key: the cache failing never opens the queue's circuit.
/// </summary>
public static class RedisConnection
{
    /// <summary>The thumbnail cache (the api's only): bounded, evicting; losing it costs misses.</summary>
    public const string Cache = "cache";

    /// <summary>The job queue, the jobs and the workers' presence: never evicts, persisted.</summary>
    public const string Queue = "queue";

    /// <summary>The name of a connection's health check, as the Aspire integration names a keyed client's.</summary>
    public static string HealthCheck(string name) => $"StackExchange.Redis_{name}";

    /// <summary>
    /// The connection <paramref name="name"/> (<c>ConnectionStrings:{name}</c>), with short time limits: while its Redis
    /// is away, a call fails in about a second (the thumbnail cache is skipped, a job submission answers 503) instead
    /// of holding the request for the client's default five seconds; reconnection is automatic. Its health check
    /// reports <paramref name="whenDown"/> while Redis does not answer.
    /// </summary>
    public static TBuilder AddVideoEditorRedis<TBuilder>(this TBuilder builder, string name, HealthStatus whenDown = HealthStatus.Unhealthy)
        where TBuilder : IHostApplicationBuilder
    {
        builder.AddKeyedRedisClient(name, configureOptions: options =>
        {
            options.AbortOnConnectFail = false;
            options.ConnectTimeout = 2_000;
            options.SyncTimeout = 1_000;
            options.AsyncTimeout = 1_000;
            options.ReconnectRetryPolicy = new ExponentialRetry(deltaBackOffMilliseconds: 250, maxDeltaBackOffMilliseconds: 2_000);
        });
        builder.Services.AddKeyedSingleton<RedisCircuit>(name);
        builder.Services.PostConfigure<HealthCheckServiceOptions>(options =>
        {
            // None when the integration's checks are turned off (Aspire:StackExchange:Redis:{name}:DisableHealthChecks).
            foreach (var registration in options.Registrations.Where(registration => registration.Name == HealthCheck(name)))
            {
                registration.FailureStatus = whenDown;
            }
        });
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
