using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using StackExchange.Redis;

namespace VideoEditor.Media.Jobs;

/// <summary>The queue at one moment: jobs waiting for a worker, jobs a worker holds, the oldest wait.</summary>
public sealed record JobQueueState(long Queued, long Running, TimeSpan OldestQueuedAge);

/// <summary>A job message taken from the queue: which job, and the trace context of the request that made it.</summary>
public sealed record JobDelivery(RedisValue MessageId, string JobId, IReadOnlyDictionary<string, string> TraceContext, bool Redelivered);

/// <summary>
/// The job queue: a Redis stream read through a consumer group, so a message stays pending until a worker
/// acknowledges it. A worker that dies leaves its message pending; another claims it once it has been idle for
/// the claim time given to <see cref="TakeAsync"/>, and a worker that is alive keeps its message by touching it
/// more often than that.
/// </summary>
public sealed class JobQueue(
    [FromKeyedServices(RedisConnection.Queue)] IConnectionMultiplexer redis,
    [FromKeyedServices(RedisConnection.Queue)] RedisCircuit circuit)
{
    public const string Group = "workers";

    private const string JobIdField = "jobId";

    public async Task EnqueueAsync(string jobId, IReadOnlyDictionary<string, string> traceContext)
    {
        var fields = traceContext.Select(pair => new NameValueEntry(pair.Key, pair.Value))
            .Prepend(new NameValueEntry(JobIdField, jobId))
            .ToArray();
        await circuit.RunAsync(() => redis.GetDatabase().StreamAddAsync(RedisKeys.JobQueue, fields));
        await circuit.RunAsync(() => redis.GetSubscriber().PublishAsync(RedisKeys.NewJobs, jobId));
    }

    public async Task EnsureGroupAsync()
    {
        try
        {
            await redis.GetDatabase().StreamCreateConsumerGroupAsync(RedisKeys.JobQueue, Group, StreamPosition.Beginning, createStream: true);
        }
        catch (RedisServerException exception) when (exception.Message.StartsWith("BUSYGROUP", StringComparison.Ordinal))
        {
            // Another worker created it first.
        }
    }

    /// <summary>
    /// A message nobody has taken yet, else one a dead worker left behind (idle for <paramref name="claimAfter"/>),
    /// else null.
    /// </summary>
    public async Task<JobDelivery?> TakeAsync(string consumer, TimeSpan claimAfter) => await circuit.RunAsync(() => TakeUnguardedAsync(consumer, claimAfter));

    private async Task<JobDelivery?> TakeUnguardedAsync(string consumer, TimeSpan claimAfter)
    {
        var database = redis.GetDatabase();
        var fresh = await database.StreamReadGroupAsync(RedisKeys.JobQueue, Group, consumer, StreamPosition.NewMessages, count: 1);
        if (fresh.Length > 0)
        {
            return await ToDeliveryAsync(fresh[0], redelivered: false);
        }

        var claimed = await database.StreamAutoClaimAsync(RedisKeys.JobQueue, Group, consumer, (long)claimAfter.TotalMilliseconds, "0-0", count: 1);
        return claimed.ClaimedEntries.Length > 0 ? await ToDeliveryAsync(claimed.ClaimedEntries[0], redelivered: true) : null;
    }

    /// <summary>Resets the message's idle time, so no other worker claims a job that is still being worked on.</summary>
    public async Task KeepAsync(string consumer, JobDelivery delivery) =>
        await circuit.RunAsync(() => redis.GetDatabase().StreamClaimIdsOnlyAsync(RedisKeys.JobQueue, Group, consumer, 0, [delivery.MessageId]));

    /// <summary>Marks the message done and removes it, so the stream holds only queued and running jobs.</summary>
    public async Task AcknowledgeAsync(JobDelivery delivery)
    {
        var database = redis.GetDatabase();
        await circuit.RunAsync(() => database.StreamAcknowledgeAsync(RedisKeys.JobQueue, Group, delivery.MessageId));
        await circuit.RunAsync(() => database.StreamDeleteAsync(RedisKeys.JobQueue, [delivery.MessageId]));
    }

    /// <summary>How many jobs wait, how many are being worked on, and how long the oldest waiting one has waited.</summary>
    public async Task<JobQueueState> StateAsync(DateTimeOffset now)
    {
        var database = redis.GetDatabase();
        var group = (await database.StreamGroupInfoAsync(RedisKeys.JobQueue)).FirstOrDefault(info => info.Name == Group);
        var pending = group.PendingMessageCount;
        var waiting = group.Lag ?? Math.Max(0, await database.StreamLengthAsync(RedisKeys.JobQueue) - pending);

        var oldestAge = TimeSpan.Zero;
        if (waiting > 0 && group.LastDeliveredId is { } lastDelivered)
        {
            var next = await database.StreamRangeAsync(RedisKeys.JobQueue, minId: After(lastDelivered), maxId: "+", count: 1);
            if (next.Length > 0 && TimestampOf(next[0].Id) is { } enqueued)
            {
                oldestAge = now - enqueued;
            }
        }

        return new JobQueueState(waiting, pending, oldestAge < TimeSpan.Zero ? TimeSpan.Zero : oldestAge);
    }

    /// <summary>The smallest stream id after <paramref name="id"/> (ids are "milliseconds-sequence").</summary>
    private static string After(string id) =>
        id.Split('-') is [var milliseconds, var sequence] && long.TryParse(sequence, out var number) ? $"{milliseconds}-{number + 1}" : "-";

    private static DateTimeOffset? TimestampOf(RedisValue id) =>
        id.ToString().Split('-') is [var milliseconds, _] && long.TryParse(milliseconds, out var value)
            ? DateTimeOffset.FromUnixTimeMilliseconds(value)
            : null;

    /// <summary>Puts the job back for any worker (this one is stopping) without waiting for the claim timeout.</summary>
    public async Task HandBackAsync(JobDelivery delivery)
    {
        await EnqueueAsync(delivery.JobId, delivery.TraceContext);
        await AcknowledgeAsync(delivery);
    }

    /// <summary>
    /// Calls <paramref name="newJob"/> whenever a job is queued and <paramref name="canceled"/> with the id of a job
    /// canceled through the API, whichever service did it.
    /// </summary>
    public async Task SubscribeAsync(Action newJob, Action<string> canceled)
    {
        var subscriber = redis.GetSubscriber();
        await subscriber.SubscribeAsync(RedisKeys.NewJobs, (_, _) => newJob());
        await subscriber.SubscribeAsync(RedisKeys.JobCancellations, (_, jobId) => canceled(jobId.ToString()));
    }

    public async Task RequestCancelAsync(string jobId) => await circuit.RunAsync(() => redis.GetSubscriber().PublishAsync(RedisKeys.JobCancellations, jobId));

    private async Task<JobDelivery?> ToDeliveryAsync(StreamEntry entry, bool redelivered)
    {
        var fields = entry.Values.ToDictionary(value => value.Name.ToString(), value => value.Value.ToString());
        if (!fields.Remove(JobIdField, out var jobId))
        {
            // Not one of ours: acknowledge it so it is not handed out again and again.
            await redis.GetDatabase().StreamAcknowledgeAsync(RedisKeys.JobQueue, Group, entry.Id);
            return null;
        }

        return new JobDelivery(entry.Id, jobId, fields, redelivered);
    }
}
