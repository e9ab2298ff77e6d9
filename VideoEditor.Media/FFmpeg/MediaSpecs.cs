using VideoEditor.Media.Videos;

namespace VideoEditor.Media.FFmpeg;

/// <summary><c>copy</c> is a stream copy (fast; starts at the keyframe at or before the start); <c>accurate</c> re-encodes.</summary>
public enum CutMode
{
    Copy,
    Accurate,
}

/// <summary>One frame at <see cref="Time"/> seconds, scaled to <see cref="Width"/>×<see cref="Height"/> (null: keep the aspect ratio).</summary>
public sealed record ThumbnailSpec(double Time, int? Width, int? Height, ImageFormat Format, bool Accurate);

/// <summary>A piece of a video: from <see cref="Start"/> for <see cref="Duration"/> seconds.</summary>
public sealed record CutSpec(double Start, double Duration, CutMode Mode);

/// <summary>A transcode to mp4 (H.264/AAC) or webm (VP9/Opus), optionally scaled, at another frame rate, or silent.</summary>
public sealed record TranscodeSpec(string Format, int? Width, int? Height, double? Fps, bool Mute);
