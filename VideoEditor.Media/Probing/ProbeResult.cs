using VideoEditor.Media.Videos;

namespace VideoEditor.Media.Probing;

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
