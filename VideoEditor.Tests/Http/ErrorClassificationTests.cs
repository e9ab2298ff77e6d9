using System.Net.Sockets;
using Microsoft.AspNetCore.Http;
using Polly.CircuitBreaker;
using StackExchange.Redis;
using VideoEditor.Api.Http;
using VideoEditor.Api.Thumbnails;
using VideoEditor.Media.Concurrency;
using VideoEditor.Media.FFmpeg;
using VideoEditor.Media.Storage;
using VideoEditor.ServiceDefaults.Telemetry;

namespace VideoEditor.Tests.Http;

/// <summary>What each failure is answered with, and what it is counted as.</summary>
public sealed class ErrorClassificationTests
{
    public static TheoryData<Exception, int, double?> Answered => new()
    {
        { new BusyException("ffmpeg", TimeSpan.FromSeconds(5)), 503, 5 },
        { new FFmpegTimeoutException("thumbnail", TimeSpan.FromSeconds(30)), 503, 5 },
        { new FFmpegFailedException("thumbnail", "Invalid data found"), 422, null },
        { new RedisConnectionException(ConnectionFailureType.UnableToConnect, "down"), 503, 5 },
        { new RedisTimeoutException("slow", CommandStatus.Sent), 503, 5 },
        { new BrokenCircuitException("open"), 503, 5 },
        { new BadHttpRequestException("bad body", 413), 413, null },
        { new OutputTooLargeException(8 << 20), 422, null },
    };

    public static TheoryData<Exception> WithServerDetail => new()
    {
        new FFmpegFailedException("thumbnail", "/srv/video-editor/media/videos/0123/content.mp4: Invalid data found when processing input"),
        new RedisConnectionException(ConnectionFailureType.UnableToConnect, "It was not possible to connect to the redis server(s) 10.0.0.7:6379"),
        new BadHttpRequestException("Unexpected character /srv/video-editor in JSON", 400),
    };

    [Theory]
    [MemberData(nameof(WithServerDetail))]
    public void What_a_client_reads_is_fixed_text_never_the_failures_own(Exception exception)
    {
        var answer = ServiceExceptionHandler.Classify(exception);

        Assert.NotNull(answer);
        Assert.DoesNotContain("/srv", answer.Value.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain("10.0.0.7", answer.Value.Detail, StringComparison.Ordinal);
        Assert.NotEqual(exception.Message, answer.Value.Detail);
    }

    [Theory]
    [MemberData(nameof(Answered))]
    public void A_failure_of_what_the_api_depends_on_gets_an_answer_a_client_can_act_on(Exception exception, int status, double? retryAfterSeconds)
    {
        var answer = ServiceExceptionHandler.Classify(exception);

        Assert.NotNull(answer);
        Assert.Equal(status, answer.Value.Status);
        Assert.Equal(retryAfterSeconds, answer.Value.RetryAfter?.TotalSeconds);
    }

    [Fact]
    public void A_failure_of_the_api_itself_stays_a_500()
    {
        Assert.Null(ServiceExceptionHandler.Classify(new InvalidOperationException("bug")));
        Assert.Null(ServiceExceptionHandler.Classify(new NullReferenceException()));
    }

    [Theory]
    [InlineData(1.2, "2")]
    [InlineData(5, "5")]
    [InlineData(0.001, "1")]
    public void Retry_after_is_whole_seconds_rounded_up(double seconds, string header)
    {
        var response = new DefaultHttpContext().Response;

        HttpAnswers.RetryAfter(response, TimeSpan.FromSeconds(seconds));

        Assert.Equal(header, response.Headers.RetryAfter.ToString());
    }

    [Theory]
    [InlineData(200, null)]
    [InlineData(304, null)]
    [InlineData(400, "bad_request")]
    [InlineData(401, "unauthorized")]
    [InlineData(403, "unauthorized")]
    [InlineData(404, "not_found")]
    [InlineData(409, "conflict")]
    [InlineData(413, "payload_too_large")]
    [InlineData(415, "unsupported_media_type")]
    [InlineData(422, "unprocessable")]
    [InlineData(429, "rate_limited")]
    [InlineData(499, "client_closed")]
    [InlineData(418, "client_error")]
    [InlineData(500, "server_error")]
    [InlineData(503, "unavailable")]
    [InlineData(507, "server_error")]
    public void Every_api_answer_from_400_is_counted_under_its_error_type(int status, string? errorType) =>
        Assert.Equal(errorType, MetricLabels.ApiErrorType(status));

    public static TheoryData<Exception, string> ThumbnailFailures => new()
    {
        { new BusyException("ffmpeg", TimeSpan.FromSeconds(1)), "busy" },
        { new FFmpegTimeoutException("thumbnail", TimeSpan.FromSeconds(1)), "timeout" },
        { new FFmpegFailedException("thumbnail", "no frame"), "ffmpeg_failed" },
        { new OperationCanceledException(), "canceled" },
        { new TaskCanceledException(), "canceled" },
        { new IOException("disk"), "internal" },
    };

    [Theory]
    [MemberData(nameof(ThumbnailFailures))]
    public void A_failed_thumbnail_is_counted_under_its_cause(Exception exception, string errorType) =>
        Assert.Equal(errorType, ThumbnailService.ErrorType(exception));

    [Theory]
    [InlineData(28, true)]
    [InlineData(27, true)]
    [InlineData(122, true)]
    [InlineData(13, false)]
    [InlineData(5, false)]
    public void A_write_that_found_no_room_is_told_apart_from_other_io_errors(int errno, bool outOfSpace)
    {
        Assert.Equal(outOfSpace, StorageErrors.IsOutOfSpace(new IOException("write failed", errno)));
        Assert.Equal(outOfSpace, StorageErrors.IsOutOfSpace(new IOException("flush failed", new IOException("write failed", errno))));
        Assert.False(StorageErrors.IsOutOfSpace(new SocketException(errno)));
    }
}
