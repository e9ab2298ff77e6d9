using Microsoft.Extensions.Options;
using StackExchange.Redis;
using VideoEditor.Media;

namespace VideoEditor.Worker.Presence;

/// <summary>
/// Announces this worker in Redis (<see cref="RedisKeys.Worker"/>, with an expiry) so that the API and
/// operators can see which workers are alive; a worker that dies vanishes when its key expires.
/// </summary>
public sealed partial class WorkerPresence(
    [FromKeyedServices(RedisConnection.Queue)] IConnectionMultiplexer redis,
    WorkerInstance worker,
    IOptions<WorkerPresenceOptions> options,
    TimeProvider timeProvider,
    ILogger<WorkerPresence> logger) : BackgroundService
{
    private readonly RedisKey _key = RedisKeys.Worker(worker.Name);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        using var timer = new PeriodicTimer(settings.Interval, timeProvider);
        do
        {
            try
            {
                var now = timeProvider.GetUtcNow().ToUnixTimeSeconds();
                await redis.GetDatabase().StringSetAsync(_key, now, settings.TimeToLive);
            }
            catch (Exception exception) when (RedisConnection.IsUnavailable(exception))
            {
                // Redis being away is reported by /health; the worker keeps trying.
                LogRenewFailed(logger, exception);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        try
        {
            await redis.GetDatabase().KeyDeleteAsync(_key);
        }
        catch (Exception exception) when (RedisConnection.IsUnavailable(exception))
        {
            LogRenewFailed(logger, exception);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not update the worker's presence in Redis")]
    private static partial void LogRenewFailed(ILogger logger, Exception exception);
}
