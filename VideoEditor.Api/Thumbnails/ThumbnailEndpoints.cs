using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using VideoEditor.Api.Http;
using VideoEditor.Api.Security;
using VideoEditor.Media.Storage;
using VideoEditor.Media.Videos;
using VideoEditor.ServiceDefaults.Telemetry;

namespace VideoEditor.Api.Thumbnails;

public static class ThumbnailEndpoints
{
    /// <summary>Tells a client whether the image came from the cache (<c>hit</c>) or was just made (<c>miss</c>).</summary>
    public const string CacheHeader = "X-Thumbnail-Cache";

    /// <summary>Tells a client what the image is made from: <c>preview</c> (a preview keyframe, resized) or <c>ffmpeg</c>.</summary>
    public const string SourceHeader = "X-Thumbnail-Source";

    /// <summary>A video's thumbnails, on the <c>/api/videos</c> group.</summary>
    public static RouteGroupBuilder MapThumbnails(this RouteGroupBuilder group)
    {
        group.MapGet("/{id}/thumbnail", GetAsync)
            .RequireClientLimit(ApiSecurity.ThumbnailsPolicy)
            .WithTags("Thumbnails")
            .WithSummary("One frame at t seconds as jpeg, png or webp")
            .WithDescription("accurate=false (default) returns the keyframe at or before t, which is fast; accurate=true returns the exact frame. "
                + $"The answer has a strong ETag (If-None-Match gets 304); {SourceHeader} says whether it was made from the previews or by ffmpeg, "
                + $"{CacheHeader} whether it came from the cache.")
            .AddOpenApiOperationTransformer((operation, _, _) =>
            {
                ThumbnailQuery.Describe(operation);
                return Task.CompletedTask;
            })
            .ProducesFile(StatusCodes.Status200OK, ImageFormats.ContentTypes)
            .Produces(StatusCodes.Status304NotModified)
            .ProducesVideoNotFound()
            .ProducesProblemWhen(StatusCodes.Status422UnprocessableEntity,
                "No image could be made from the video at this point, or the image would be over Thumbnails:MaxImageBytes (ask for a smaller size, or jpeg or webp).")
            .ProducesServiceUnavailable();
        return group;
    }

    private static async Task<Results<FileContentHttpResult, StatusCodeHttpResult, ValidationProblem, ProblemHttpResult>> GetAsync(
        string id,
        HttpContext context,
        IVideoStorage storage,
        ThumbnailService thumbnails,
        IOptions<VideoLimits> limits,
        IOptions<ThumbnailOptions> options,
        VideoEditorMetrics metrics,
        CancellationToken cancellationToken)
    {
        if (await storage.FindAsync(id, cancellationToken) is not { } video)
        {
            Refused(metrics, MetricLabels.ErrorType.NotFound);
            return HttpAnswers.VideoNotFound(id);
        }

        var (spec, errors) = ThumbnailQuery.Parse(context.Request.Query, video, limits.Value.MaxDimension, options.Value.MaxPixels);
        if (spec is null)
        {
            Refused(metrics, MetricLabels.ErrorType.InvalidRequest);
            return TypedResults.ValidationProblem(errors);
        }

        var plan = await thumbnails.PlanAsync(video, spec, cancellationToken);
        var etag = new EntityTagHeaderValue(ThumbnailCache.ETag(plan.Key));
        var response = context.Response;
        HttpAnswers.Immutable(response);
        response.Headers.ETag = etag.ToString();
        response.Headers[SourceHeader] = plan.Source;

        var ifNoneMatch = context.Request.GetTypedHeaders().IfNoneMatch;
        if (ifNoneMatch.Any(tag => tag.Equals(EntityTagHeaderValue.Any) || tag.Compare(etag, useStrongComparison: false)))
        {
            metrics.ThumbnailAnswered(MetricLabels.Status.NotModified);
            return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        }

        var thumbnail = await thumbnails.GetAsync(video, plan, cancellationToken);
        response.Headers[CacheHeader] = thumbnail.FromCache ? "hit" : "miss";
        return TypedResults.File(thumbnail.Image, thumbnail.ContentType);
    }

    private static void Refused(VideoEditorMetrics metrics, string errorType)
    {
        metrics.ThumbnailAnswered(MetricLabels.Status.Error);
        metrics.ThumbnailFailed(errorType);
    }
}
