using Microsoft.AspNetCore.Diagnostics;
using VideoEditor.Media.FFmpeg;

namespace VideoEditor.Api.Http;

/// <summary>
/// Turns the failures of what the API depends on into the answers a client can act on: saturated or
/// unreachable → 503 with Retry-After, a video ffmpeg cannot read → 422. Everything else stays a 500.
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

        var (status, title, retryAfter) = answer;
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
            ProblemDetails = { Status = status, Title = title, Detail = exception.Message },
        });
    }

    /// <summary>The answer to a failure: its status, title and retry delay; null for a failure of the API itself (500).</summary>
    public static (int Status, string Title, TimeSpan? RetryAfter)? Classify(Exception exception) => exception switch
    {
        FFmpegBusyException busy => (StatusCodes.Status503ServiceUnavailable, "The service is busy", busy.RetryAfter),
        FFmpegTimeoutException => (StatusCodes.Status503ServiceUnavailable, "Extracting took too long", TimeSpan.FromSeconds(5)),
        FFmpegFailedException => (StatusCodes.Status422UnprocessableEntity, "The video cannot be decoded here", null),
        _ when RedisConnection.IsUnavailable(exception) => (StatusCodes.Status503ServiceUnavailable, "A backing service is unavailable", RedisRetryAfter),
        BadHttpRequestException bad => (bad.StatusCode, "The request is malformed", null),
        _ => null,
    };

    [LoggerMessage(Level = LogLevel.Warning, Message = "Answered {Status} for a failure of a dependency")]
    private static partial void LogHandled(ILogger logger, int status, Exception exception);
}
