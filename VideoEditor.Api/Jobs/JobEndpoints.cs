using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using VideoEditor.Api.Security;
using VideoEditor.Api.Videos;
using VideoEditor.Media.Jobs;
using VideoEditor.Media.Storage;
using VideoEditor.Media.Videos;

namespace VideoEditor.Api.Jobs;

public static class JobEndpoints
{
    public static IEndpointRouteBuilder MapJobs(this IEndpointRouteBuilder routes)
    {
        var videos = routes.MapGroup("/api/videos/{id}").WithTags("Jobs").RequireRateLimiting(ApiSecurity.WritesPolicy);
        videos.MapPost("/trim", (string id, TrimRequest request, [AsParameters] JobContext context, CancellationToken cancellationToken) =>
                SubmitAsync(id, JobType.Trim, video => JobRequestValidation.Trim(request, video), context, cancellationToken))
            .WithSummary("Cut one piece out of a video");
        videos.MapPost("/split", (string id, SplitRequest request, [AsParameters] JobContext context, CancellationToken cancellationToken) =>
                SubmitAsync(id, JobType.Split, video => JobRequestValidation.Split(request, video), context, cancellationToken))
            .WithSummary("Split a video into pieces at given times or of a given length");
        videos.MapPost("/process", (string id, ProcessRequest request, [AsParameters] JobContext context, CancellationToken cancellationToken) =>
                SubmitAsync(id, JobType.Process, _ => JobRequestValidation.Process(request, context.Limits.Value.MaxDimension), context, cancellationToken))
            .WithSummary("Transcode a video to mp4 (H.264/AAC) or webm (VP9/Opus)");

        var jobs = routes.MapGroup("/api/jobs").WithTags("Jobs");
        jobs.MapGet("/{jobId}", GetAsync).WithSummary("A job's status, progress and outputs");
        jobs.MapDelete("/{jobId}", CancelAsync).WithSummary("Cancel a job; a running ffmpeg is stopped")
            .RequireRateLimiting(ApiSecurity.WritesPolicy);

        return routes;
    }

    /// <summary>What the job endpoints need, bound from services in one parameter.</summary>
    public sealed record JobContext(IVideoStorage Storage, JobSubmitter Submitter, IOptions<VideoLimits> Limits);

    private static async Task<Results<Accepted<JobResource>, ValidationProblem, ProblemHttpResult>> SubmitAsync(
        string id,
        JobType type,
        Func<Video, (JobWork? Work, Dictionary<string, string[]> Errors)> validate,
        JobContext context,
        CancellationToken cancellationToken)
    {
        if (await context.Storage.FindAsync(id, cancellationToken) is not { } video)
        {
            return VideoEndpoints.NotFound(id);
        }

        var (work, errors) = validate(video);
        if (work is null)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var job = await context.Submitter.SubmitAsync(type, video, work);
        return TypedResults.Accepted($"/api/jobs/{job.Id}", await JobResource.FromAsync(job, context.Storage, cancellationToken));
    }

    private static async Task<Results<Ok<JobResource>, ProblemHttpResult>> GetAsync(
        string jobId, JobStore store, IVideoStorage storage, CancellationToken cancellationToken) =>
        VideoId.IsValid(jobId) && await store.FindAsync(jobId) is { } job
            ? TypedResults.Ok(await JobResource.FromAsync(job, storage, cancellationToken))
            : JobNotFound(jobId);

    private static async Task<Results<Ok<JobResource>, ProblemHttpResult>> CancelAsync(
        string jobId, JobStore store, JobQueue queue, IVideoStorage storage, TimeProvider time, CancellationToken cancellationToken)
    {
        if (!VideoId.IsValid(jobId))
        {
            return JobNotFound(jobId);
        }

        var job = await store.UpdateAsync(jobId, current => current.IsFinished
            ? null
            : current with { Status = JobStatus.Canceled, FinishedAt = time.GetUtcNow() });
        if (job is null)
        {
            return JobNotFound(jobId);
        }

        if (job.Status != JobStatus.Canceled)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "The job has finished",
                detail: $"Job {jobId} is {job.Status.ToString().ToLowerInvariant()}; only queued or running jobs can be canceled.");
        }

        // The worker running it stops its ffmpeg; a queued job is skipped when a worker takes it.
        await queue.RequestCancelAsync(jobId);
        return TypedResults.Ok(await JobResource.FromAsync(job, storage, cancellationToken));
    }

    private static ProblemHttpResult JobNotFound(string jobId) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such job",
            detail: VideoId.IsValid(jobId) ? $"There is no job {jobId}." : "Job ids are 32 hexadecimal digits.");
}
