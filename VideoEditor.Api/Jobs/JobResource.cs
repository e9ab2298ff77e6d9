using VideoEditor.Media.Jobs;
using VideoEditor.Media.Storage;
using VideoEditor.Media.Videos;

namespace VideoEditor.Api.Jobs;

/// <summary>A job as the API shows it: its outputs are full video resources.</summary>
public sealed record JobResource(
    string Id,
    JobType Type,
    string VideoId,
    JobStatus Status,
    double Progress,
    int Attempts,
    DateTimeOffset CreatedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt,
    IReadOnlyList<Video> Outputs,
    JobError? Error)
{
    public static async Task<JobResource> FromAsync(Job job, IVideoStorage storage, CancellationToken cancellationToken)
    {
        var outputs = new List<Video>();
        foreach (var outputId in job.OutputIds)
        {
            // An output deleted since is simply no longer listed.
            if (await storage.FindAsync(outputId, cancellationToken) is { } output)
            {
                outputs.Add(output);
            }
        }

        return new JobResource(job.Id, job.Type, job.VideoId, job.Status, job.Progress, job.Attempts, job.CreatedAt, job.StartedAt, job.FinishedAt, outputs, job.Error);
    }
}
