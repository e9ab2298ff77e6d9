using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using VideoEditor.Media.Videos;

namespace VideoEditor.Api.Http;

/// <summary>The answers and headers every feature of the API gives alike.</summary>
public static class HttpAnswers
{
    /// <summary>404 for an id that names no video (malformed ids included: they never reach the disk).</summary>
    public static ProblemHttpResult VideoNotFound(string id) =>
        TypedResults.Problem(
            statusCode: StatusCodes.Status404NotFound,
            title: "No such video",
            detail: VideoId.IsValid(id) ? $"There is no video {id}." : "Video ids are 32 hexadecimal digits.");

    /// <summary>404 for an id that names no job (jobs have ids like videos).</summary>
    public static ProblemHttpResult JobNotFound(string id) =>
        TypedResults.Problem(
            statusCode: StatusCodes.Status404NotFound,
            title: "No such job",
            detail: VideoId.IsValid(id) ? $"There is no job {id}." : "Job ids are 32 hexadecimal digits.");

    /// <summary>When to ask again, in whole seconds rounded up: a client never comes back before the delay is over.</summary>
    public static void RetryAfter(HttpResponse response, TimeSpan delay) =>
        response.Headers.RetryAfter = Math.Ceiling(delay.TotalSeconds).ToString(CultureInfo.InvariantCulture);

    /// <summary>For what never changes once made (a thumbnail, a preview): videos never change, so neither does anything made of one.</summary>
    public static void Immutable(HttpResponse response) =>
        response.Headers.CacheControl = "public, max-age=31536000, immutable";
}
