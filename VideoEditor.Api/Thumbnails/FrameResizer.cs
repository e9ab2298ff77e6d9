using SkiaSharp;
using VideoEditor.Media.Videos;

namespace VideoEditor.Api.Thumbnails;

/// <summary>Makes a thumbnail from a preview keyframe in-process: decode, resize, encode. No ffmpeg start.</summary>
public static class FrameResizer
{
    private const int JpegQuality = 85;
    private const int WebpQuality = 80;

    private static readonly SKSamplingOptions Sampling = new(SKCubicResampler.Mitchell);

    public static byte[] Resize(string framePath, int width, int height, ImageFormat format)
    {
        using var frame = SKBitmap.Decode(framePath) ?? throw new InvalidDataException($"The preview frame {framePath} cannot be decoded.");
        using var resized = frame.Width == width && frame.Height == height ? null : frame.Resize(new SKImageInfo(width, height), Sampling);
        using var image = SKImage.FromBitmap(resized ?? frame);
        using var encoded = format switch
        {
            ImageFormat.Png => image.Encode(SKEncodedImageFormat.Png, 100),
            ImageFormat.Webp => image.Encode(SKEncodedImageFormat.Webp, WebpQuality),
            _ => image.Encode(SKEncodedImageFormat.Jpeg, JpegQuality),
        };
        return encoded?.ToArray() ?? throw new InvalidOperationException($"The thumbnail could not be encoded as {format}.");
    }
}
