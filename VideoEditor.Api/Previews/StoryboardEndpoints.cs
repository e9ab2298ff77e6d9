using Microsoft.AspNetCore.Http.HttpResults;
using VideoEditor.Api.Http;
using VideoEditor.Media.Jobs;
using VideoEditor.Media.Previews;
using VideoEditor.Media.Storage;

namespace VideoEditor.Api.Previews;

public static class StoryboardEndpoints
{
    /// <summary>How long a client should wait before asking again for a storyboard still being made.</summary>
    public static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(2);

    /// <summary>A video's storyboard, on the <c>/api/videos</c> group.</summary>
    public static RouteGroupBuilder MapStoryboards(this RouteGroupBuilder group)
    {
        var videos = group.MapGroup("/{id}").WithTags("Storyboards")
            .WithDescription("Made by the worker after the upload; 404 with Retry-After until then, 404 without it if making it failed.")
            .ProducesProblemWhen(StatusCodes.Status404NotFound,
                "No video has this id; or its storyboard is still being made (with Retry-After), or could not be made (without).")
            // Whether the previews failed is asked of the job queue's Redis.
            .ProducesServiceUnavailable();
        MapFile(videos, "/storyboard.jpg", PreviewIndex.StoryboardImage, "image/jpeg")
            .WithSummary("A sprite of evenly spaced frames of the video, in a grid");
        MapFile(videos, "/storyboard.vtt", PreviewIndex.StoryboardCues, "text/vtt")
            .WithSummary("WebVTT cues covering the whole video, each pointing at its tile: storyboard.jpg#xywh=x,y,w,h");
        return group;
    }

    private static RouteHandlerBuilder MapFile(RouteGroupBuilder videos, string pattern, string file, string contentType) =>
        videos.MapGet(pattern, (string id, HttpContext context, IVideoStorage storage, PreviewCatalog previews, JobStore jobs, CancellationToken cancellationToken) =>
                ServeAsync(id, file, contentType, context, storage, previews, jobs, cancellationToken))
            .ProducesFile(StatusCodes.Status200OK, [contentType]);

    private static async Task<Results<PhysicalFileHttpResult, ProblemHttpResult>> ServeAsync(
        string id, string file, string contentType, HttpContext context, IVideoStorage storage, PreviewCatalog previews, JobStore jobs,
        CancellationToken cancellationToken)
    {
        if (await storage.FindAsync(id, cancellationToken) is null)
        {
            return HttpAnswers.VideoNotFound(id);
        }

        var path = previews.PathOf(id, file);
        if (!File.Exists(path))
        {
            // Not made: being made (or to be asked for again by the worker's backfill), or never to be made.
            if (await jobs.FindAsync(PreviewRequester.JobId(id)) is { Status: JobStatus.Failed or JobStatus.Canceled } job)
            {
                return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "The storyboard could not be made",
                    detail: $"Making the previews of video {id} failed ({job.Error?.Type ?? "canceled"}); it has no storyboard.");
            }

            HttpAnswers.RetryAfter(context.Response, RetryAfter);
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "The storyboard is not ready",
                detail: $"The storyboard of video {id} is still being made; ask again after Retry-After.");
        }

        HttpAnswers.Immutable(context.Response);
        return TypedResults.PhysicalFile(path, contentType);
    }
}
