using Microsoft.AspNetCore.Http.HttpResults;
using VideoEditor.Api.Http;
using VideoEditor.Api.Security;
using VideoEditor.Media.Previews;
using VideoEditor.Media.Storage;
using VideoEditor.Media.Videos;
using VideoEditor.ServiceDefaults.Telemetry;

namespace VideoEditor.Api.Videos;

public sealed record VideoPage(IReadOnlyList<Video> Items, int Page, int PageSize, int Total);

public static class VideoEndpoints
{
    public const int MaxPageSize = 100;

    /// <summary>The video resource itself, on the <c>/api/videos</c> group.</summary>
    public static RouteGroupBuilder MapVideos(this RouteGroupBuilder group)
    {
        var videos = group.MapGroup("").WithTags("Videos");

        videos.MapPost("", UploadAsync)
            .WithSummary("Upload a video (multipart/form-data, field 'file')")
            .DisableAntiforgery()
            .RequireRateLimiting(ApiSecurity.WritesPolicy);
        videos.MapGet("", ListAsync).WithSummary("List videos, newest first");
        videos.MapGet("/{id}", GetAsync).WithSummary("A video's metadata");
        videos.MapDelete("/{id}", DeleteAsync).WithSummary("Delete a video, its file, its previews and its cached thumbnails")
            .RequireRateLimiting(ApiSecurity.WritesPolicy);
        videos.MapGet("/{id}/content", GetContentAsync).WithSummary("The original bytes (HTTP Range supported)");

        return group;
    }

    private static async Task<Results<Created<Video>, ProblemHttpResult>> UploadAsync(
        HttpRequest request, UploadReceiver receiver, PreviewRequester previews, CancellationToken cancellationToken)
    {
        var outcome = await receiver.ReceiveAsync(request, cancellationToken);
        if (outcome.Video is not { } video)
        {
            return TypedResults.Problem(title: outcome.Title, detail: outcome.Detail, statusCode: outcome.Status);
        }

        await previews.RequestAsync(video);
        return TypedResults.Created(ApiRoutes.Video(video.Id), video);
    }

    private static async Task<Results<Ok<VideoPage>, ValidationProblem>> ListAsync(
        IVideoStorage storage, CancellationToken cancellationToken, int page = 1, int pageSize = 20)
    {
        if (page < 1 || pageSize < 1 || pageSize > MaxPageSize)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["page"] = ["page starts at 1."],
                ["pageSize"] = [$"pageSize is 1 to {MaxPageSize}."],
            });
        }

        var all = await storage.ListAsync(cancellationToken).ToListAsync(cancellationToken);
        var items = all.Skip((page - 1) * pageSize).Take(pageSize).ToList();
        return TypedResults.Ok(new VideoPage(items, page, pageSize, all.Count));
    }

    private static async Task<Results<Ok<Video>, ProblemHttpResult>> GetAsync(
        string id, IVideoStorage storage, VideoEditorMetrics metrics, TimeProvider time, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        try
        {
            if (await storage.FindAsync(id, cancellationToken) is { } video)
            {
                metrics.MetadataServed(time.GetElapsedTime(started), MetricLabels.Status.Success);
                return TypedResults.Ok(video);
            }

            metrics.MetadataServed(time.GetElapsedTime(started), MetricLabels.Status.NotFound);
            metrics.MetadataFailed(VideoId.IsValid(id) ? MetricLabels.ErrorType.NotFound : MetricLabels.ErrorType.InvalidRequest);
            return HttpAnswers.VideoNotFound(id);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or System.Text.Json.JsonException)
        {
            metrics.MetadataServed(time.GetElapsedTime(started), MetricLabels.Status.Error);
            metrics.MetadataFailed(MetricLabels.ErrorType.Internal);
            throw;
        }
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(string id, VideoDeletion deletion) =>
        await deletion.DeleteAsync(id) ? TypedResults.NoContent() : HttpAnswers.VideoNotFound(id);

    private static async Task<Results<PhysicalFileHttpResult, ProblemHttpResult>> GetContentAsync(
        string id, IVideoStorage storage, CancellationToken cancellationToken)
    {
        if (await storage.FindAsync(id, cancellationToken) is not { } video)
        {
            return HttpAnswers.VideoNotFound(id);
        }

        return TypedResults.PhysicalFile(
            storage.ContentPath(video), MediaContainers.ContentType(video.Format), enableRangeProcessing: true);
    }
}
