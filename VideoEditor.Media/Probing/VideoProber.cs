using Microsoft.Extensions.Options;
using VideoEditor.Media.FFmpeg;
using VideoEditor.Media.Videos;
using VideoEditor.ServiceDefaults.Telemetry;

namespace VideoEditor.Media.Probing;

/// <summary>
/// Probes a file once (ffprobe, then a decode of the first frame) and decides whether it is a
/// video the service accepts. Every run reads only the local file, through the allowed demuxers, and holds a slot
/// of the <see cref="FFmpegGate"/> (a busy gate: 503 for an upload).
/// </summary>
public sealed class VideoProber(FFmpegRunner ffmpeg, MediaCommands commands, FFmpegGate gate, IOptions<FFmpegOptions> options, IOptions<VideoLimits> limits)
{
    public async Task<ProbeResult> ProbeAsync(string path, CancellationToken cancellationToken)
    {
        using (await gate.EnterAsync(cancellationToken))
        {
            return await ProbeWithinGateAsync(path, cancellationToken);
        }
    }

    private async Task<ProbeResult> ProbeWithinGateAsync(string path, CancellationToken cancellationToken)
    {
        var knownContainer = await HasKnownSignatureAsync(path, cancellationToken);
        var refusal = knownContainer ? ProbeFailure.Undecodable : ProbeFailure.NotAVideo;

        ProbeReport analysis;
        try
        {
            analysis = await ffmpeg.ProbeAsync(path, options.Value.ProbeTimeout, options.Value.MaxProbeOutputBytes, cancellationToken);
        }
        catch (OutputTooLargeException)
        {
            return ProbeResult.Refused(ProbeFailure.ExceedsLimits, "The file describes more streams or metadata than are accepted.");
        }
        catch (FFmpegFailedException)
        {
            return ProbeResult.Refused(refusal, knownContainer ? "The video cannot be read." : "The file is not a video in a supported container.");
        }
        catch (FFmpegTimeoutException)
        {
            return ProbeResult.Refused(refusal, "Reading the file took too long.");
        }

        // Cover art arrives as a one-frame "video" stream: it does not make an audio file a video.
        var video = analysis.VideoStreams.FirstOrDefault(stream => !stream.IsAttachedPicture);
        var videoCodec = video?.CodecName ?? "unknown";
        var container = analysis.Format;
        var format = video is null || container?.FormatName is not { } demuxer
            ? null
            : MediaContainers.FromProbe(demuxer, container.Tags?.GetValueOrDefault("major_brand"), videoCodec, analysis.PrimaryAudioStream?.CodecName);
        if (video is null || container is null || format is null)
        {
            return ProbeResult.Refused(ProbeFailure.NotAVideo, video is null ? "The file has no video stream." : "The container is not supported.");
        }

        var rotation = video.Rotation;
        var sideways = rotation is 90 or 270;
        var (codedWidth, codedHeight) = (video.Width ?? 0, video.Height ?? 0);
        var properties = new VideoProperties(
            format,
            new FileInfo(path).Length,
            container.DurationSeconds,
            sideways ? codedHeight : codedWidth,
            sideways ? codedWidth : codedHeight,
            rotation,
            Math.Round(video.FrameRate, 3),
            videoCodec,
            analysis.PrimaryAudioStream?.CodecName,
            container.BitsPerSecond);

        if (LimitBroken(properties, container.StreamCount) is { } broken)
        {
            return ProbeResult.Refused(ProbeFailure.ExceedsLimits, broken);
        }

        try
        {
            await ffmpeg.RunAsync(MetricLabels.Operation.Decode, commands.DecodeFirstFrame(path), options.Value.ProbeTimeout, cancellationToken);
        }
        catch (Exception exception) when (exception is FFmpegFailedException or FFmpegTimeoutException)
        {
            return ProbeResult.Refused(ProbeFailure.Undecodable, "The video stream cannot be decoded.");
        }

        return new ProbeResult(properties, null, null);
    }

    private string? LimitBroken(VideoProperties video, int streams)
    {
        var limit = limits.Value;
        if (video.DurationSeconds <= 0)
        {
            return "The video has no duration.";
        }

        if (video.DurationSeconds > limit.MaxDurationSeconds)
        {
            return $"The video lasts {video.DurationSeconds:0} s; at most {limit.MaxDurationSeconds:0} s are accepted.";
        }

        if (video.Width > limit.MaxDimension || video.Height > limit.MaxDimension || video.Width <= 0 || video.Height <= 0)
        {
            return $"The picture is {video.Width}x{video.Height}; each side must be 1 to {limit.MaxDimension} pixels.";
        }

        if ((long)video.Width * video.Height > limit.MaxPixels)
        {
            return $"The picture is {video.Width}x{video.Height}; at most {limit.MaxPixels} pixels are accepted.";
        }

        return streams > limit.MaxStreams ? $"The file has {streams} streams; at most {limit.MaxStreams} are accepted." : null;
    }

    private static async Task<bool> HasKnownSignatureAsync(string path, CancellationToken cancellationToken)
    {
        var head = new byte[16];
        await using var stream = File.OpenRead(path);
        var read = await stream.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, cancellationToken);
        return MediaContainers.HasKnownSignature(head.AsSpan(0, read));
    }
}
