using SkiaSharp;
using VideoEditor.Media.Previews;

namespace VideoEditor.Worker.Previews;

/// <summary>Draws the storyboard sprite from the preview keyframes: each tile shows the keyframe at or before its start.</summary>
public static class StoryboardSprite
{
    private const int JpegQuality = 80;

    public static void Write(PreviewIndex index, StoryboardLayout layout, string folder, string fileName)
    {
        using var sprite = new SKBitmap(layout.Width, layout.Height);
        using (var canvas = new SKCanvas(sprite))
        {
            canvas.Clear(SKColors.Black);
            PreviewFrame? drawn = null;
            SKImage? frame = null;
            try
            {
                foreach (var tile in layout.Tiles)
                {
                    // Tiles come in time order, so neighbours sharing a keyframe decode it once.
                    var wanted = index.FrameAtOrBefore(tile.Start);
                    if (wanted != drawn)
                    {
                        frame?.Dispose();
                        frame = SKImage.FromEncodedData(Path.Combine(folder, wanted.File))
                            ?? throw new InvalidDataException($"The preview frame {wanted.File} cannot be decoded.");
                        drawn = wanted;
                    }

                    canvas.DrawImage(frame, SKRect.Create(tile.X, tile.Y, layout.TileWidth, layout.TileHeight),
                        new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.Linear));
                }
            }
            finally
            {
                frame?.Dispose();
            }
        }

        using var file = File.Create(Path.Combine(folder, fileName));
        if (!sprite.Encode(file, SKEncodedImageFormat.Jpeg, JpegQuality))
        {
            throw new InvalidOperationException("The storyboard sprite could not be encoded.");
        }
    }
}
