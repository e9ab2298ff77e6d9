using Microsoft.Extensions.Options;
using VideoEditor.Media.Videos;

namespace VideoEditor.Media.Jobs;

/// <summary>
/// Accepts a job: stores it as queued, then puts it on the queue with the caller's trace context. A job is
/// only reported accepted once both succeeded; if the queue cannot take it, the stored job is removed and the
/// failure reaches the client (503), so nothing is accepted and then lost. A client's job is refused while
/// <see cref="JobLimits.MaxQueued"/> wait already (503 too).
/// </summary>
public sealed class JobSubmitter(JobStore store, JobQueue queue, IOptions<JobLimits> limits, TimeProvider time)
{
    /// <param name="id">
    /// The job's id; a new one when null. A job that already has this id is answered as it is and not queued again
    /// (asking twice for a derived job, a video's previews say, makes one job).
    /// </param>
    public async Task<Job> SubmitAsync(JobType type, Video video, JobWork work, string? id = null)
    {
        if (type != JobType.Preview && (await queue.StateAsync(time.GetUtcNow())).Queued is var queued && queued >= limits.Value.MaxQueued)
        {
            throw new QueueFullException((int)queued);
        }

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
