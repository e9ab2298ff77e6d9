using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
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
            .WithDescription("Streamed to disk, probed once and its first frame decoded; answers the video with its Location. "
                + "Then the worker makes its previews (storyboard, fast thumbnails).")
            .AddOpenApiOperationTransformer((operation, _, _) =>
            {
                UploadReceiver.DescribeBody(operation);
                return Task.CompletedTask;
            })
            .DisableAntiforgery()
            .RequireClientLimit(ApiSecurity.WritesPolicy)
            .ProducesProblemWhen(StatusCodes.Status400BadRequest, $"No '{UploadReceiver.FileField}' field, or a malformed multipart body.")
            .ProducesProblemWhen(StatusCodes.Status408RequestTimeout, "The body did not arrive within its deadline (Videos:UploadTimeBase plus its size at Videos:MinUploadBytesPerSecond).")
            .ProducesProblemWhen(StatusCodes.Status413PayloadTooLarge, "Larger than Videos:MaxUploadBytes.")
            .ProducesProblemWhen(StatusCodes.Status415UnsupportedMediaType,
                "Not multipart, or not a video in a supported container: empty, an image, audio only, a playlist.")
            .ProducesProblemWhen(StatusCodes.Status422UnprocessableEntity,
                "A video that cannot be read or decoded, or past a limit: duration, width or height, pixels, streams.")
            .ProducesServiceUnavailable()
            .ProducesProblemWhen(StatusCodes.Status507InsufficientStorage, "The server's storage is full; nothing was kept.");
        videos.MapGet("", ListAsync).WithSummary("List videos, newest first");
        videos.MapGet("/{id}", GetAsync).WithSummary("A video's metadata")
            .ProducesVideoNotFound();
        videos.MapDelete("/{id}", DeleteAsync).WithSummary("Delete a video, its file, its previews and its cached thumbnails")
            .RequireClientLimit(ApiSecurity.WritesPolicy)
            .ProducesVideoNotFound();
        videos.MapGet("/{id}/content", GetContentAsync).WithSummary("The original bytes (HTTP Range supported)")
            .ProducesFile(StatusCodes.Status200OK, MediaContainers.ContentTypes)
            .ProducesFile(StatusCodes.Status206PartialContent, MediaContainers.ContentTypes)
            .ProducesVideoNotFound()
            .ProducesProblemWhen(StatusCodes.Status416RangeNotSatisfiable, "The Range asked for lies outside the file.");

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
        IVideoStorage storage,
        CancellationToken cancellationToken,
        // The ranges are for the OpenAPI document; the check below answers 400 naming each.
        [Description("The page, from 1."), Range(1, int.MaxValue)] int page = 1,
        [Description("Videos a page."), Range(1, MaxPageSize)] int pageSize = 20)
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
