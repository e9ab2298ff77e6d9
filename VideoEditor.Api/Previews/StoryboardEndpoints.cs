using Microsoft.AspNetCore.Http.HttpResults;
using VideoEditor.Api.Videos;
using VideoEditor.Media.Previews;
using VideoEditor.Media.Storage;

namespace VideoEditor.Api.Previews;

public static class StoryboardEndpoints
{
    /// <summary>How long a client should wait before asking again for a storyboard still being made.</summary>
    public static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(2);

    public static IEndpointRouteBuilder MapStoryboards(this IEndpointRouteBuilder routes)
    {
        var videos = routes.MapGroup("/api/videos/{id}").WithTags("Storyboards");
        videos.MapGet("/storyboard.jpg", (string id, HttpContext context, IVideoStorage storage, PreviewCatalog previews, CancellationToken cancellationToken) =>
                ServeAsync(id, PreviewIndex.StoryboardImage, "image/jpeg", context, storage, previews, cancellationToken))
            .WithSummary("A sprite of evenly spaced frames of the video, in a grid")
            .WithDescription("Made by the worker after the upload; 404 with Retry-After until then.");
        videos.MapGet("/storyboard.vtt", (string id, HttpContext context, IVideoStorage storage, PreviewCatalog previews, CancellationToken cancellationToken) =>
                ServeAsync(id, PreviewIndex.StoryboardCues, "text/vtt", context, storage, previews, cancellationToken))
            .WithSummary("WebVTT cues covering the whole video, each pointing at its tile: storyboard.jpg#xywh=x,y,w,h")
            .WithDescription("Made by the worker after the upload; 404 with Retry-After until then.");
        return routes;
    }

    private static async Task<Results<PhysicalFileHttpResult, ProblemHttpResult>> ServeAsync(
        string id, string file, string contentType, HttpContext context, IVideoStorage storage, PreviewCatalog previews, CancellationToken cancellationToken)
    {
        if (await storage.FindAsync(id, cancellationToken) is null)
        {
            return VideoEndpoints.NotFound(id);
        }

        var path = previews.PathOf(id, file);
        if (!File.Exists(path))
        {
            context.Response.Headers.RetryAfter = ((int)RetryAfter.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "The storyboard is not ready",
                detail: $"The storyboard of video {id} is still being made; ask again after Retry-After.");
        }

        // Previews never change once committed.
        context.Response.Headers.CacheControl = "public, max-age=31536000, immutable";
        return TypedResults.PhysicalFile(path, contentType);
    }
}
