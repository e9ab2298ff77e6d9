using FFMpegCore;
using FFMpegCore.Exceptions;
using Microsoft.Extensions.Options;
using VideoEditor.Media.FFmpeg;
using VideoEditor.ServiceDefaults.Telemetry;

namespace VideoEditor.Media.Videos;

/// <summary>What a probe found: the video's properties, or why it is refused.</summary>
public sealed record ProbeResult(VideoProperties? Properties, ProbeFailure? Failure, string? Detail)
{
    public static ProbeResult Refused(ProbeFailure failure, string detail) => new(null, failure, detail);
}

public enum ProbeFailure
{
    /// <summary>Not a video in a container we read (random bytes, audio only, an image, a playlist): 415.</summary>
    NotAVideo,

    /// <summary>A video container that cannot be read or decoded (truncated, corrupt): 422.</summary>
    Undecodable,

    /// <summary>A readable video past a configured limit (duration, size of picture, number of streams): 422.</summary>
    ExceedsLimits,
}

/// <summary>The properties of a video file as ffprobe reports them; width and height are the displayed size.</summary>
public sealed record VideoProperties(
    string Format,
    long SizeBytes,
    double DurationSeconds,
    int Width,
    int Height,
    int Rotation,
    double FrameRate,
    string VideoCodec,
    string? AudioCodec,
    long BitRate)
{
    public Video ToVideo(string id, string fileName, DateTimeOffset createdAt) => new(
        id, fileName, SizeBytes, Format, DurationSeconds, Width, Height, Rotation, FrameRate, VideoCodec, AudioCodec, BitRate, createdAt);
}

/// <summary>
/// Probes a file once (ffprobe through FFMpegCore, then a decode of the first frame) and decides whether it is a
/// video the service accepts. Every run reads only the local file, through the allowed demuxers.
/// </summary>
public sealed class VideoProber(
    FFmpegRunner ffmpeg, FFmpegLauncher launcher, IOptions<FFmpegOptions> ffmpegOptions, IOptions<VideoLimits> limits, VideoEditorMetrics metrics, TimeProvider time)
{
    public async Task<ProbeResult> ProbeAsync(string path, CancellationToken cancellationToken)
    {
        var knownContainer = await HasKnownSignatureAsync(path, cancellationToken);
        var refusal = knownContainer ? ProbeFailure.Undecodable : ProbeFailure.NotAVideo;

        IMediaAnalysis analysis;
        var started = time.GetTimestamp();
        var status = VideoEditorMetrics.Status.Error;
        using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            timeout.CancelAfter(ffmpegOptions.Value.ProbeTimeout);
            try
            {
                analysis = await launcher.StartAsync(() => FFProbe.AnalyseAsync(path, launcher.FFOptions, MediaCommands.ProbeArguments, timeout.Token));
                status = VideoEditorMetrics.Status.Success;
            }
            catch (Exception exception) when (exception is FFMpegException or FormatException or InvalidOperationException or System.Text.Json.JsonException)
            {
                return ProbeResult.Refused(refusal, knownContainer ? "The video cannot be read." : "The file is not a video in a supported container.");
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                status = VideoEditorMetrics.Status.Timeout;
                return ProbeResult.Refused(refusal, "Reading the file took too long.");
            }
            catch (OperationCanceledException)
            {
                status = VideoEditorMetrics.Status.Canceled;
                throw;
            }
            finally
            {
                metrics.FFmpegRan(FFmpegRunner.Operations.Probe, time.GetElapsedTime(started), status);
            }
        }

        // Cover art arrives as a one-frame "video" stream: it does not make an audio file a video.
        var video = analysis.VideoStreams.FirstOrDefault(stream => stream.Disposition?.GetValueOrDefault("attached_pic") != true);
        var videoCodec = video?.CodecName ?? "unknown";
        var format = video is null
            ? null
            : MediaContainers.FromProbe(analysis.Format.FormatName, analysis.Format.Tags?.GetValueOrDefault("major_brand"), videoCodec, analysis.PrimaryAudioStream?.CodecName);
        if (video is null || format is null)
        {
            return ProbeResult.Refused(ProbeFailure.NotAVideo, video is null ? "The file has no video stream." : "The container is not supported.");
        }

        var rotation = ((video.Rotation % 360) + 360) % 360;
        var sideways = rotation is 90 or 270;
        var (codedWidth, codedHeight) = (video.Width ?? 0, video.Height ?? 0);
        var properties = new VideoProperties(
            format,
            new FileInfo(path).Length,
            analysis.Duration.TotalSeconds,
            sideways ? codedHeight : codedWidth,
            sideways ? codedWidth : codedHeight,
            rotation,
            Math.Round(video.AverageFrameRate > 0 ? video.AverageFrameRate : video.RealFrameRate, 3),
            videoCodec,
            analysis.PrimaryAudioStream?.CodecName,
            analysis.Format.BitRate ?? 0);

        if (LimitBroken(properties, analysis.Format.StreamCount) is { } broken)
        {
            return ProbeResult.Refused(ProbeFailure.ExceedsLimits, broken);
        }

        try
        {
            await ffmpeg.RunAsync(FFmpegRunner.Operations.Decode, MediaCommands.DecodeFirstFrame(path), ffmpegOptions.Value.ProbeTimeout, cancellationToken);
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
