using Microsoft.AspNetCore.Mvc;

namespace VideoEditor.Api.Http;

/// <summary>
/// How a route declares, in the OpenAPI document, a problem+json answer it may give and when. The answers every
/// feature gives alike are declared here once, beside one another, for each route or group that can give them.
/// </summary>
public static class ProblemResponses
{
    public const string ContentType = "application/problem+json";

    // The attribute rather than ProducesProblem: only it carries a description into the document.
    public static TBuilder ProducesProblemWhen<TBuilder>(this TBuilder builder, int status, string when) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new ProducesResponseTypeAttribute(typeof(ProblemDetails), status, ContentType) { Description = when });

    /// <summary><see cref="HttpAnswers.VideoNotFound"/>.</summary>
    public static TBuilder ProducesVideoNotFound<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.ProducesProblemWhen(StatusCodes.Status404NotFound, "No video has this id (video ids are 32 hexadecimal digits).");

    /// <summary><see cref="HttpAnswers.JobNotFound"/>.</summary>
    public static TBuilder ProducesJobNotFound<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.ProducesProblemWhen(StatusCodes.Status404NotFound, "No job has this id (job ids are 32 hexadecimal digits).");

    /// <summary>The 503 answers of <see cref="ServiceExceptionHandler"/>: for a route that waits for a slot or needs a Redis.</summary>
    public static TBuilder ProducesServiceUnavailable<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.ProducesProblemWhen(StatusCodes.Status503ServiceUnavailable,
            "The service is busy (every slot for this work taken, or the job queue full) or a service it depends on does not answer: retry after Retry-After.");
}
