namespace VideoEditor.Media.Videos;

/// <summary>The image formats a thumbnail can be asked in.</summary>
public enum ImageFormat
{
    Jpeg,
    Png,
    Webp,
}

/// <summary>
/// What an image format is called in a request and a cache key, and the content type it is sent with. How each
/// encoder writes it is its own business (ffmpeg: <c>MediaCommands.Thumbnail</c>; in-process: <c>FrameResizer</c>).
/// </summary>
public static class ImageFormats
{
    private static readonly Dictionary<string, ImageFormat> ByName = new(StringComparer.OrdinalIgnoreCase)
    {
        ["jpeg"] = ImageFormat.Jpeg,
        ["png"] = ImageFormat.Png,
        ["webp"] = ImageFormat.Webp,
    };

    /// <summary>What each format is called in a request.</summary>
    public static IReadOnlyList<string> Names { get; } = Enum.GetValues<ImageFormat>().Select(Name).ToArray();

    /// <summary>The content type of each format.</summary>
    public static IReadOnlyList<string> ContentTypes { get; } = Enum.GetValues<ImageFormat>().Select(ContentType).ToArray();

    /// <summary>The format named <paramref name="name"/> (any case).</summary>
    public static bool TryParse(string? name, out ImageFormat format) => ByName.TryGetValue(name ?? "", out format);

    public static string Name(this ImageFormat format) => format switch
    {
        ImageFormat.Png => "png",
        ImageFormat.Webp => "webp",
        _ => "jpeg",
    };

    public static string ContentType(this ImageFormat format) => format switch
    {
        ImageFormat.Png => "image/png",
        ImageFormat.Webp => "image/webp",
        _ => "image/jpeg",
    };
}
