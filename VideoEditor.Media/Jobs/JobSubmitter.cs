using Microsoft.Extensions.Options;
using VideoEditor.Media.Videos;

namespace VideoEditor.Media.Jobs;

/// <summary>
/// Accepts a job: stores it as queued, then puts it on the queue with the caller's trace context. A job is
/// only reported accepted once both succeeded; if the queue cannot take it, the stored job is removed and the
/// failure reaches the client (503), so nothing is accepted and then lost. A client's job is refused while
/// <see cref="JobLimits.MaxQueued"/> wait already (503 too), or while the client has
/// <see cref="JobLimits.MaxUnfinishedPerClient"/> jobs unfinished (429).
/// </summary>
public sealed class JobSubmitter(JobStore store, JobQueue queue, IOptions<JobLimits> limits, TimeProvider time)
{
    /// <summary>A client's job: counted against its own limit and the queue's.</summary>
    /// <param name="client">Who asks: an API key's number or an address (see the api's <c>ApiSecurity.ClientOf</c>).</param>
    public async Task<Job> SubmitForClientAsync(string client, JobType type, Video video, JobWork work)
    {
        if (await store.CountUnfinishedAsync(client) is var unfinished && unfinished >= limits.Value.MaxUnfinishedPerClient)
        {
            throw new ClientJobLimitException(unfinished);
        }

        if ((await queue.StateAsync(time.GetUtcNow())).Queued is var queued && queued >= limits.Value.MaxQueued)
        {
            throw new QueueFullException((int)queued);
        }

        var job = await SubmitAsync(type, video, work);
        await store.AddToClientAsync(client, job.Id);
        return job;
    }

    /// <summary>The service's own job (a video's previews), queued whatever the limits.</summary>
    /// <param name="id">
    /// The job's id; a new one when null. A job that already has this id is answered as it is and not queued again
    /// (asking twice for a derived job, a video's previews say, makes one job).
    /// </param>
    public async Task<Job> SubmitAsync(JobType type, Video video, JobWork work, string? id = null)
    {
        var job = Job.Queued(id ?? VideoId.New(), type, video.Id, work, time.GetUtcNow());
        if (!await store.CreateAsync(job))
        {
            return await store.FindAsync(job.Id) ?? job;
        }

        try
        {
            await queue.EnqueueAsync(job.Id, JobTracing.CurrentContext());
        }
        catch
        {
            await store.DeleteAsync(job.Id);
            throw;
        }

        return job;
    }
}
