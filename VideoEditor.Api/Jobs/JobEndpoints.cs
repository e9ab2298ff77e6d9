using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using VideoEditor.Api.Http;
using VideoEditor.Api.Security;
using VideoEditor.Media.Jobs;
using VideoEditor.Media.Storage;
using VideoEditor.Media.Videos;

namespace VideoEditor.Api.Jobs;

public static class JobEndpoints
{
    /// <summary>Trim, split and process requests for a video, on the <c>/api/videos</c> group: writes, limited per client.</summary>
    public static RouteGroupBuilder MapJobSubmissions(this RouteGroupBuilder group)
    {
        var videos = group.MapGroup("/{id}").WithTags("Jobs")
            .WithDescription("Answers 202 with the job and its Location; follow it with GET /api/jobs/{jobId}.")
            .RequireClientLimit(ApiSecurity.WritesPolicy)
            .ProducesVideoNotFound()
            .ProducesProblemWhen(StatusCodes.Status413PayloadTooLarge, "The body is larger than Security:MaxRequestBodyBytes.")
            .ProducesProblemWhen(StatusCodes.Status415UnsupportedMediaType, "The body is not application/json.")
            // The job queue: full, or its Redis down.
            .ProducesServiceUnavailable();
        videos.MapPost("/trim", (string id, TrimRequest request, [AsParameters] JobContext context, CancellationToken cancellationToken) =>
                SubmitAsync(id, JobType.Trim, video => JobRequestValidation.Trim(request, video), context, cancellationToken))
            .WithSummary("Cut one piece out of a video")
            .WithRequestExample("accurate", "Seconds 2 to 6, re-encoded from the exact start", new TrimRequest(2.0, 6.0, "accurate"))
            .WithRequestExample("copy", "Seconds 2 to 6, packets copied from the keyframe at or before 2 s", new TrimRequest(2.0, 6.0, "copy"));
        videos.MapPost("/split", (string id, SplitRequest request, [AsParameters] JobContext context, CancellationToken cancellationToken) =>
                SubmitAsync(id, JobType.Split, video => JobRequestValidation.Split(request, video), context, cancellationToken))
            .WithSummary("Split a video into pieces at given times or of a given length")
            .WithRequestExample("at", "Three pieces: cut at 4 s and at 8 s", new SplitRequest(At: [4.0, 8.0]))
            .WithRequestExample("segmentSeconds", "Pieces of 10 s, packets copied", new SplitRequest(SegmentSeconds: 10, Mode: "copy"));
        videos.MapPost("/process", (string id, ProcessRequest request, [AsParameters] JobContext context, CancellationToken cancellationToken) =>
                SubmitAsync(id, JobType.Process, _ => JobRequestValidation.Process(request, context.Limits.Value.MaxDimension), context, cancellationToken))
            .WithSummary("Transcode a video to mp4 (H.264/AAC) or webm (VP9/Opus)")
            .WithRequestExample("webm", "A 640 px wide webm at 30 frames per second", new ProcessRequest(Width: 640, Format: "webm", Fps: 30))
            .WithRequestExample("mute", "An mp4 without sound", new ProcessRequest(Format: "mp4", Mute: true));
        return group;
    }

    /// <summary>A job's status and its cancellation, on the <c>/api/jobs</c> group.</summary>
    public static RouteGroupBuilder MapJobs(this RouteGroupBuilder group)
    {
        var jobs = group.MapGroup("").WithTags("Jobs")
            .ProducesJobNotFound()
            // Jobs live in the job queue's Redis.
            .ProducesServiceUnavailable();
        jobs.MapGet("/{jobId}", GetAsync).WithSummary("A job's status, progress and outputs");
        jobs.MapDelete("/{jobId}", CancelAsync).WithSummary("Cancel a job; a running ffmpeg is stopped")
            .RequireClientLimit(ApiSecurity.WritesPolicy)
            .ProducesProblemWhen(StatusCodes.Status409Conflict, "The job has finished, or is a preview job (the service's own).");
        return group;
    }

    /// <summary>What the job endpoints need, bound from services in one parameter.</summary>
    public sealed record JobContext(HttpContext Http, IVideoStorage Storage, JobSubmitter Submitter, IOptions<VideoLimits> Limits);

    private static async Task<Results<Accepted<JobResource>, ValidationProblem, ProblemHttpResult>> SubmitAsync(
        string id,
        JobType type,
        Func<Video, (JobWork? Work, Dictionary<string, string[]> Errors)> validate,
        JobContext context,
        CancellationToken cancellationToken)
    {
        if (await context.Storage.FindAsync(id, cancellationToken) is not { } video)
        {
            return HttpAnswers.VideoNotFound(id);
        }

        var (work, errors) = validate(video);
        if (work is null)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var job = await context.Submitter.SubmitForClientAsync(ApiSecurity.ClientOf(context.Http), type, video, work);
        return TypedResults.Accepted(ApiRoutes.Job(job.Id), await JobResource.FromAsync(job, context.Storage, cancellationToken));
    }

    private static async Task<Results<Ok<JobResource>, ProblemHttpResult>> GetAsync(
        string jobId, JobStore store, IVideoStorage storage, CancellationToken cancellationToken) =>
        VideoId.IsValid(jobId) && await store.FindAsync(jobId) is { } job
            ? TypedResults.Ok(await JobResource.FromAsync(job, storage, cancellationToken))
            : HttpAnswers.JobNotFound(jobId);

    private static async Task<Results<Ok<JobResource>, ProblemHttpResult>> CancelAsync(
        string jobId, JobStore store, JobQueue queue, IVideoStorage storage, TimeProvider time, CancellationToken cancellationToken)
    {
        if (!VideoId.IsValid(jobId))
        {
            return HttpAnswers.JobNotFound(jobId);
        }

        var job = await store.UpdateAsync(jobId, current => current.Cancel(time.GetUtcNow()));
        if (job is null)
        {
            return HttpAnswers.JobNotFound(jobId);
        }

        if (!job.IsCancelable)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "The job is the service's own",
                detail: $"Job {jobId} makes a video's previews; only trim, split and process jobs can be canceled.");
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
}
