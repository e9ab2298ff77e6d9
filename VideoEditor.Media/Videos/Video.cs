namespace VideoEditor.Media.Videos;

/// <summary>
/// A stored video as the API shows it. <see cref="Width"/> and <see cref="Height"/> are the displayed size: a
/// phone video recorded sideways (rotation 90 or 270) reports its upright size.
/// </summary>
public sealed record Video(
    string Id,
    string FileName,
    long SizeBytes,
    string Format,
    double DurationSeconds,
    int Width,
    int Height,
    int Rotation,
    double FrameRate,
    string VideoCodec,
    string? AudioCodec,
    long BitRate,
    DateTimeOffset CreatedAt);
