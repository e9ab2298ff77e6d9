using Microsoft.Extensions.Options;
using VideoEditor.Api.Previews;
using VideoEditor.Media.Concurrency;
using VideoEditor.Media.FFmpeg;
using VideoEditor.Media.Previews;
using VideoEditor.Media.Storage;
using VideoEditor.Media.Videos;
using VideoEditor.ServiceDefaults.Telemetry;

namespace VideoEditor.Api.Thumbnails;

public sealed record Thumbnail(byte[] Image, string ContentType, bool FromCache);

/// <summary>
/// How a thumbnail is made and cached: from a preview keyframe (<see cref="Frame"/> set) or by ffmpeg, at
/// <see cref="Width"/>×<see cref="Height"/> (null: ffmpeg keeps the aspect ratio or the original size).
/// </summary>
public sealed record ThumbnailPlan(string Key, ThumbnailSpec Spec, PreviewFrame? Frame, int? Width, int? Height)
{
    public string Source => Frame is null ? MetricLabels.Source.FFmpeg : MetricLabels.Source.Preview;
}

/// <summary>
/// A thumbnail from the cache, or else made now and cached. A fast (not accurate) thumbnail no larger than the
/// previews is made in-process from the preview keyframe at or before t: no ffmpeg start on the request path.
/// Otherwise (an accurate one, a larger one, previews not made yet) ffmpeg extracts it in this process, with at
/// most <see cref="FFmpegOptions.MaxConcurrency"/> extractions at once.
/// </summary>
public sealed class ThumbnailService(
    ThumbnailCache cache,
    PreviewCatalog previews,
    IVideoStorage storage,
    FFmpegRunner ffmpeg,
    MediaCommands commands,
    FFmpegGate ffmpegGate,
    RenderGate renderGate,
    IOptions<FFmpegOptions> ffmpegOptions,
    IOptions<ThumbnailOptions> options,
    VideoEditorMetrics metrics,
    TimeProvider time)
{
    public async Task<ThumbnailPlan> PlanAsync(Video video, ThumbnailSpec spec, CancellationToken cancellationToken)
    {
        if (!spec.Accurate && await previews.FindAsync(video.Id, cancellationToken) is { } index)
        {
            var (width, height) = ThumbnailQuery.OutputSize(video, spec.Width, spec.Height);
            if (width <= index.Width && height <= index.Height)
            {
                var frame = index.FrameAtOrBefore(spec.Time);
                return new ThumbnailPlan(ThumbnailCache.PreviewKey(video.Id, frame.Time, width, height, spec.Format), spec, frame, width, height);
            }
        }

        return new ThumbnailPlan(ThumbnailCache.Key(video.Id, spec), spec, null, spec.Width, spec.Height);
    }

    /// <summary>The thumbnail, from the cache or made now; counted in the thumbnail metrics either way.</summary>
    public async Task<Thumbnail> GetAsync(Video video, ThumbnailPlan plan, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        try
        {
            var (image, fromCache) = await cache.GetOrCreateAsync(video.Id, plan.Key, token => MakeAsync(video, plan, token), cancellationToken);
            metrics.ThumbnailServed(time.GetElapsedTime(started), MetricLabels.Status.Success, fromCache);
            return new Thumbnail(image, plan.Spec.Format.ContentType(), fromCache);
        }
        catch (Exception exception)
        {
            metrics.ThumbnailServed(time.GetElapsedTime(started), MetricLabels.Status.Error, cacheHit: false);
            metrics.ThumbnailFailed(ErrorType(exception));
            throw;
        }
    }

    /// <summary>The <c>error_type</c> a failed thumbnail is counted under.</summary>
    public static string ErrorType(Exception exception) => exception switch
    {
        BusyException => MetricLabels.ErrorType.Busy,
        OutputTooLargeException => MetricLabels.ErrorType.TooLarge,
        FFmpegTimeoutException => MetricLabels.ErrorType.Timeout,
        FFmpegFailedException => MetricLabels.ErrorType.FFmpegFailed,
        OperationCanceledException => MetricLabels.ErrorType.Canceled,
        _ => MetricLabels.ErrorType.Internal,
    };

    private async Task<byte[]> MakeAsync(Video video, ThumbnailPlan plan, CancellationToken cancellationToken)
    {
        var image = plan.Frame is { } frame
            ? await RenderAsync(previews.PathOf(video.Id, frame.File), plan, cancellationToken)
            : await ExtractAsync(video, plan.Spec, cancellationToken);
        metrics.ThumbnailRendered(plan.Source);
        return image;
    }

    private async Task<byte[]> RenderAsync(string framePath, ThumbnailPlan plan, CancellationToken cancellationToken)
    {
        using (await renderGate.EnterAsync(cancellationToken))
        {
            return FrameResizer.Resize(framePath, plan.Width!.Value, plan.Height!.Value, plan.Spec.Format);
        }
    }

    private async Task<byte[]> ExtractAsync(Video video, ThumbnailSpec spec, CancellationToken cancellationToken)
    {
        using var image = new CappedBuffer(options.Value.MaxImageBytes);
        using (await ffmpegGate.EnterAsync(cancellationToken))
        {
            try
            {
                await ffmpeg.RunAsync(
                    MetricLabels.Operation.Thumbnail, commands.Thumbnail(storage.ContentPath(video), spec, image), ffmpegOptions.Value.ThumbnailTimeout, cancellationToken);
            }
            catch (Exception exception) when (image.Exceeded && exception is not OutputTooLargeException)
            {
                throw new OutputTooLargeException(image.Cap);
            }
        }

        if (image.Length == 0)
        {
            // The time lies in the last frame's span but past where a frame can be decoded.
            throw new FFmpegFailedException(MetricLabels.Operation.Thumbnail, $"no frame could be decoded at {spec.Time} s");
        }

        return image.ToArray();
    }
}
