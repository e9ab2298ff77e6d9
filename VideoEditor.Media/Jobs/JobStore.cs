using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using StackExchange.Redis;

namespace VideoEditor.Media.Jobs;

/// <summary>
/// Jobs in Redis, one JSON value per job. Every change is a compare-and-set, so the API cancelling a job and the
/// worker finishing it can never overwrite each other.
/// </summary>
public sealed class JobStore(
    [FromKeyedServices(RedisConnection.Queue)] IConnectionMultiplexer redis,
    [FromKeyedServices(RedisConnection.Queue)] RedisCircuit circuit)
{
    private const int MaxAttempts = 16;

    /// <summary>How long a finished job stays readable.</summary>
    public static readonly TimeSpan FinishedRetention = TimeSpan.FromDays(7);

    public async Task<bool> CreateAsync(Job job) =>
        await circuit.RunAsync(() => redis.GetDatabase().StringSetAsync(RedisKeys.Job(job.Id), Serialize(job), when: When.NotExists));

    public async Task<Job?> FindAsync(string id)
    {
        var value = await circuit.RunAsync(() => redis.GetDatabase().StringGetAsync(RedisKeys.Job(id)));
        return value.IsNull ? null : Deserialize(value!);
    }

    public async Task DeleteAsync(string id) => await circuit.RunAsync(() => redis.GetDatabase().KeyDeleteAsync(RedisKeys.Job(id)));

    /// <summary>
    /// Applies <paramref name="change"/> (one of the <see cref="Job"/>'s own changes) to the current job until it is
    /// written without a concurrent change in between. <paramref name="change"/> returns null to leave the job as it
    /// is. Returns the job as it now is (null when there is none).
    /// </summary>
    public async Task<Job?> UpdateAsync(string id, Func<Job, Job?> change) =>
        await circuit.RunAsync(() => UpdateOnceUnbrokenAsync(id, change));

    private async Task<Job?> UpdateOnceUnbrokenAsync(string id, Func<Job, Job?> change)
    {
        var database = redis.GetDatabase();
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var current = await database.StringGetAsync(RedisKeys.Job(id));
            if (current.IsNull)
            {
                return null;
            }

            var job = Deserialize(current!);
            if (change(job) is not { } changed)
            {
                return job;
            }

            var transaction = database.CreateTransaction();
            transaction.AddCondition(Condition.StringEqual(RedisKeys.Job(id), current));
            _ = changed.IsFinished
                ? transaction.StringSetAsync(RedisKeys.Job(id), Serialize(changed), FinishedRetention)
                : transaction.StringSetAsync(RedisKeys.Job(id), Serialize(changed));
            if (await transaction.ExecuteAsync())
            {
                return changed;
            }
        }

        throw new InvalidOperationException($"Job {id} kept changing under {MaxAttempts} updates.");
    }

    /// <summary>Lists a job as one of <paramref name="client"/>'s, for <see cref="CountUnfinishedAsync"/>.</summary>
    public async Task AddToClientAsync(string client, string jobId)
    {
        var database = redis.GetDatabase();
        await circuit.RunAsync(() => Task.WhenAll(
            database.SetAddAsync(RedisKeys.ClientJobs(client), jobId),
            database.KeyExpireAsync(RedisKeys.ClientJobs(client), FinishedRetention)));
    }

    /// <summary>
    /// How many of <paramref name="client"/>'s jobs are queued or running. Finished and expired ones leave the
    /// client's list here, so the list stays about as long as the client's limit and nothing else has to tend it.
    /// </summary>
    public async Task<int> CountUnfinishedAsync(string client) => await circuit.RunAsync(async () =>
    {
        var database = redis.GetDatabase();
        var key = RedisKeys.ClientJobs(client);
        var ids = await database.SetMembersAsync(key);
        if (ids.Length == 0)
        {
            return 0;
        }

        var jobs = await database.StringGetAsync(ids.Select(id => RedisKeys.Job(id.ToString())).ToArray());
        var done = ids.Where((_, index) => jobs[index].IsNull || Deserialize(jobs[index]!).IsFinished).ToArray();
        if (done.Length > 0)
        {
            await database.SetRemoveAsync(key, done);
        }

        return ids.Length - done.Length;
    });

    private static string Serialize(Job job) => JsonSerializer.Serialize(job, Job.Json);

    private static Job Deserialize(string value) => JsonSerializer.Deserialize<Job>(value, Job.Json)!;
}
