using Microsoft.AspNetCore.Diagnostics;
using VideoEditor.Media.Concurrency;
using VideoEditor.Media.FFmpeg;
using VideoEditor.Media.Jobs;

namespace VideoEditor.Api.Http;

/// <summary>
/// Turns the failures of what the API depends on into the answers a client can act on: saturated or
/// unreachable → 503 with Retry-After, a video ffmpeg cannot read or a result over its size limit → 422. Everything
/// else stays a 500. The answer's text is fixed for each kind: what ffmpeg printed, server paths and the addresses
/// of backing services go to the log only.
/// </summary>
public sealed partial class ServiceExceptionHandler(IProblemDetailsService problemDetails, ILogger<ServiceExceptionHandler> logger) : IExceptionHandler
{
    private static readonly TimeSpan RedisRetryAfter = TimeSpan.FromSeconds(5);

    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        if (Classify(exception) is not { } answer)
        {
            return false;
        }

        var (status, title, detail, retryAfter) = answer;
        LogHandled(logger, status, exception);
        context.Response.StatusCode = status;
        if (retryAfter is { } delay)
        {
            HttpAnswers.RetryAfter(context.Response, delay);
        }

        return await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            Exception = exception,
            ProblemDetails = { Status = status, Title = title, Detail = detail },
        });
    }

    /// <summary>The answer to a failure: its status, title, text and retry delay; null for a failure of the API itself (500).</summary>
    public static (int Status, string Title, string Detail, TimeSpan? RetryAfter)? Classify(Exception exception) => exception switch
    {
        BusyException busy => (StatusCodes.Status503ServiceUnavailable, "The service is busy",
            $"Every slot for this work is taken; retry in {busy.RetryAfter.TotalSeconds:0} s.", busy.RetryAfter),
        FFmpegTimeoutException => (StatusCodes.Status503ServiceUnavailable, "Extracting took too long",
            "Making the image took longer than allowed and was stopped; retry later.", TimeSpan.FromSeconds(5)),
        FFmpegFailedException => (StatusCodes.Status422UnprocessableEntity, "The video cannot be decoded here",
            "No image could be made from the video at this point.", null),
        ClientJobLimitException => (StatusCodes.Status429TooManyRequests, "Too many unfinished jobs",
            "This client's jobs already fill its share of the queue; retry when one is done.", ClientJobLimitException.RetryAfter),
        QueueFullException => (StatusCodes.Status503ServiceUnavailable, "The job queue is full",
            "Too many jobs are waiting; retry later.", QueueFullException.RetryAfter),
        OutputTooLargeException tooLarge => (StatusCodes.Status422UnprocessableEntity, "The image is too large",
            $"The image would be larger than {tooLarge.Cap / (1 << 20)} MB; ask for a smaller size or for jpeg or webp.", null),
        _ when RedisConnection.IsUnavailable(exception) => (StatusCodes.Status503ServiceUnavailable, "A backing service is unavailable",
            "A service the API depends on does not answer; retry later.", RedisRetryAfter),
        BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } => (StatusCodes.Status413PayloadTooLarge,
            "The request is too large", "The request body is larger than this endpoint accepts.", null),
        BadHttpRequestException bad => (bad.StatusCode, "The request is malformed", "The request could not be read.", null),
        _ => null,
    };

    [LoggerMessage(Level = LogLevel.Warning, Message = "Answered {Status} for a failure of a dependency")]
    private static partial void LogHandled(ILogger logger, int status, Exception exception);
}
