using Microsoft.Extensions.Options;
using VideoEditor.Media.FFmpeg;
using VideoEditor.Media.Storage;
using VideoEditor.Media.Videos;

namespace VideoEditor.Api.Thumbnails;

public sealed record Thumbnail(byte[] Image, string ContentType, bool FromCache);

/// <summary>
/// A thumbnail from the Redis cache, or else extracted by ffmpeg in this process, with at most
/// <see cref="FFmpegOptions.MaxConcurrency"/> extractions at once, and then cached.
/// </summary>
public sealed class ThumbnailService(
    ThumbnailCache cache, IVideoStorage storage, FFmpegRunner ffmpeg, FFmpegGate gate, IOptions<FFmpegOptions> options)
{
    public static string ContentType(ImageFormat format) => format switch
    {
        ImageFormat.Png => "image/png",
        ImageFormat.Webp => "image/webp",
        _ => "image/jpeg",
    };

    public async Task<Thumbnail> GetAsync(Video video, ThumbnailSpec spec, string key, CancellationToken cancellationToken)
    {
        var contentType = ContentType(spec.Format);
        if (await cache.GetAsync(key) is { } cached)
        {
            return new Thumbnail(cached, contentType, FromCache: true);
        }

        using var image = new MemoryStream();
        using (await gate.EnterAsync(cancellationToken))
        {
            await ffmpeg.RunAsync(
                "thumbnail", MediaCommands.Thumbnail(storage.ContentPath(video), spec, image), options.Value.ThumbnailTimeout, cancellationToken);
        }

        if (image.Length == 0)
        {
            // The time lies in the last frame's span but past where a frame can be decoded.
            throw new FFmpegFailedException("thumbnail", $"no frame could be decoded at {spec.Time} s");
        }

        var bytes = image.ToArray();
        await cache.SetAsync(video.Id, key, bytes);
        return new Thumbnail(bytes, contentType, FromCache: false);
    }
}
