using Microsoft.Extensions.Options;
using VideoEditor.Media.FFmpeg;
using VideoEditor.Media.Storage;
using VideoEditor.Media.Videos;
using VideoEditor.ServiceDefaults.Telemetry;

namespace VideoEditor.Api.Thumbnails;

public sealed record Thumbnail(byte[] Image, string ContentType, bool FromCache);

/// <summary>
/// A thumbnail from the Redis cache, or else extracted by ffmpeg in this process, with at most
/// <see cref="FFmpegOptions.MaxConcurrency"/> extractions at once, and then cached.
/// </summary>
public sealed class ThumbnailService(
    ThumbnailCache cache,
    IVideoStorage storage,
    FFmpegRunner ffmpeg,
    FFmpegGate gate,
    IOptions<FFmpegOptions> options,
    VideoEditorMetrics metrics,
    TimeProvider time)
{
    public static string ContentType(ImageFormat format) => format switch
    {
        ImageFormat.Png => "image/png",
        ImageFormat.Webp => "image/webp",
        _ => "image/jpeg",
    };

    /// <summary>The thumbnail, from the cache or made now; counted in the thumbnail metrics either way.</summary>
    public async Task<Thumbnail> GetAsync(Video video, ThumbnailSpec spec, string key, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        var cached = await cache.GetAsync(key);
        try
        {
            var thumbnail = cached is not null
                ? new Thumbnail(cached, ContentType(spec.Format), FromCache: true)
                : await ExtractAsync(video, spec, key, cancellationToken);
            metrics.ThumbnailServed(time.GetElapsedTime(started), VideoEditorMetrics.Status.Success, thumbnail.FromCache);
            return thumbnail;
        }
        catch (Exception exception)
        {
            metrics.ThumbnailServed(time.GetElapsedTime(started), VideoEditorMetrics.Status.Error, cacheHit: false);
            metrics.ThumbnailFailed(exception switch
            {
                FFmpegBusyException => VideoEditorMetrics.ErrorType.Busy,
                FFmpegTimeoutException => VideoEditorMetrics.ErrorType.Timeout,
                FFmpegFailedException => VideoEditorMetrics.ErrorType.FFmpegFailed,
                OperationCanceledException => VideoEditorMetrics.ErrorType.Canceled,
                _ => VideoEditorMetrics.ErrorType.Internal,
            });
            throw;
        }
    }

    private async Task<Thumbnail> ExtractAsync(Video video, ThumbnailSpec spec, string key, CancellationToken cancellationToken)
    {
        var contentType = ContentType(spec.Format);

        using var image = new MemoryStream();
        using (await gate.EnterAsync(cancellationToken))
        {
            await ffmpeg.RunAsync(
                FFmpegRunner.Operations.Thumbnail, MediaCommands.Thumbnail(storage.ContentPath(video), spec, image), options.Value.ThumbnailTimeout, cancellationToken);
        }

        if (image.Length == 0)
        {
            // The time lies in the last frame's span but past where a frame can be decoded.
            throw new FFmpegFailedException(FFmpegRunner.Operations.Thumbnail, $"no frame could be decoded at {spec.Time} s");
        }

        var bytes = image.ToArray();
        await cache.SetAsync(video.Id, key, bytes);
        return new Thumbnail(bytes, contentType, FromCache: false);
    }
}
