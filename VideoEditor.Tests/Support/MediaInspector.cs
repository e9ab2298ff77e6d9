using System.Globalization;
using System.Text.Json;

namespace VideoEditor.Tests.Support;

/// <summary>What ffprobe says about a file: the reference the API's answers are checked against.</summary>
public sealed record ProbedFile(string FormatName, double Duration, IReadOnlyList<ProbedStream> Streams)
{
    public ProbedStream Video => Streams.First(stream => stream.Type == "video");

    public ProbedStream? Audio => Streams.FirstOrDefault(stream => stream.Type == "audio");
}

public sealed record ProbedStream(string Type, string Codec, int Width, int Height, double FrameRate, int Rotation);

/// <summary>Reads media with the real ffprobe and ffmpeg.</summary>
public static class MediaInspector
{
    public static async Task<ProbedFile> ProbeAsync(string path)
    {
        var result = await ExternalCommand.RunAsync("ffprobe",
            ["-v", "error", "-print_format", "json", "-show_format", "-show_streams", path]);
        Assert.True(result.ExitCode == 0, result.ToString());
        var root = JsonDocument.Parse(result.Output).RootElement;
        var format = root.GetProperty("format");
        var streams = root.GetProperty("streams").EnumerateArray().Select(stream => new ProbedStream(
            stream.GetProperty("codec_type").GetString()!,
            stream.TryGetProperty("codec_name", out var codec) ? codec.GetString()! : "",
            stream.TryGetProperty("width", out var width) ? width.GetInt32() : 0,
            stream.TryGetProperty("height", out var height) ? height.GetInt32() : 0,
            stream.TryGetProperty("avg_frame_rate", out var rate) ? Rate(rate.GetString()!) : 0,
            Rotation(stream))).ToList();
        return new ProbedFile(
            format.GetProperty("format_name").GetString()!,
            format.TryGetProperty("duration", out var duration) ? double.Parse(duration.GetString()!, CultureInfo.InvariantCulture) : 0,
            streams);
    }

    public static async Task<ProbedFile> ProbeAsync(byte[] content, string extension)
    {
        var path = Path.Combine(Path.GetTempPath(), $"inspect-{Guid.NewGuid():n}{extension}");
        await File.WriteAllBytesAsync(path, content);
        try
        {
            return await ProbeAsync(path);
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>The colour of the pixel in the middle of an image (or of a video's first frame).</summary>
    public static async Task<(byte R, byte G, byte B)> CenterPixelAsync(string path)
    {
        var raw = Path.Combine(Path.GetTempPath(), $"pixel-{Guid.NewGuid():n}.rgb");
        try
        {
            var result = await ExternalCommand.RunAsync("ffmpeg",
                ["-v", "error", "-i", path, "-frames:v", "1", "-vf", "crop=2:2:iw/2:ih/2,scale=1:1", "-f", "rawvideo", "-pix_fmt", "rgb24", raw]);
            Assert.True(result.ExitCode == 0, result.ToString());
            var bytes = await File.ReadAllBytesAsync(raw);
            return (bytes[0], bytes[1], bytes[2]);
        }
        finally
        {
            File.Delete(raw);
        }
    }

    public static async Task<string> CenterColorAsync(byte[] image, string extension)
    {
        var path = Path.Combine(Path.GetTempPath(), $"image-{Guid.NewGuid():n}{extension}");
        await File.WriteAllBytesAsync(path, image);
        try
        {
            return NearestColor(await CenterPixelAsync(path));
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>The frame of a video at exactly <paramref name="seconds"/>, scaled to width×height, as RGB bytes.</summary>
    public static Task<byte[]> FrameRgbAsync(string video, double seconds, int width, int height) =>
        RgbAsync(["-ss", seconds.ToString(CultureInfo.InvariantCulture), "-i", video], width, height);

    /// <summary>An image as RGB bytes at its own size (<paramref name="width"/>×<paramref name="height"/>).</summary>
    public static async Task<byte[]> ImageRgbAsync(byte[] image, string extension, int width, int height)
    {
        var path = Path.Combine(Path.GetTempPath(), $"image-{Guid.NewGuid():n}{extension}");
        await File.WriteAllBytesAsync(path, image);
        try
        {
            return await RgbAsync(["-i", path], width, height);
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>The mean absolute difference of two RGB images of one size, 0 (same) to 255.</summary>
    public static double MeanDifference(byte[] first, byte[] second)
    {
        Assert.Equal(first.Length, second.Length);
        return first.Zip(second).Average(pair => Math.Abs(pair.First - pair.Second));
    }

    private static async Task<byte[]> RgbAsync(string[] input, int width, int height)
    {
        var raw = Path.Combine(Path.GetTempPath(), $"frame-{Guid.NewGuid():n}.rgb");
        try
        {
            var result = await ExternalCommand.RunAsync("ffmpeg",
                ["-v", "error", .. input, "-frames:v", "1", "-vf", $"scale={width}:{height}", "-f", "rawvideo", "-pix_fmt", "rgb24", raw]);
            Assert.True(result.ExitCode == 0, result.ToString());
            return await File.ReadAllBytesAsync(raw);
        }
        finally
        {
            File.Delete(raw);
        }
    }

    /// <summary>The palette colour nearest to a pixel (lossy encoders shift colours a little).</summary>
    public static string NearestColor((byte R, byte G, byte B) pixel)
    {
        var nearest = TestMedia.Palette.MinBy(colour =>
            Math.Pow(colour.R - pixel.R, 2) + Math.Pow(colour.G - pixel.G, 2) + Math.Pow(colour.B - pixel.B, 2));
        var distance = Math.Sqrt(Math.Pow(nearest.R - pixel.R, 2) + Math.Pow(nearest.G - pixel.G, 2) + Math.Pow(nearest.B - pixel.B, 2));
        return distance < 80 ? nearest.Name : $"none near rgb({pixel.R},{pixel.G},{pixel.B})";
    }

    private static double Rate(string fraction) =>
        fraction.Split('/') is [var numerator, var denominator] && double.Parse(denominator, CultureInfo.InvariantCulture) is > 0 and var d
            ? double.Parse(numerator, CultureInfo.InvariantCulture) / d
            : 0;

    private static int Rotation(JsonElement stream)
    {
        if (stream.TryGetProperty("side_data_list", out var sideData))
        {
            foreach (var entry in sideData.EnumerateArray())
            {
                if (entry.TryGetProperty("rotation", out var rotation))
                {
                    return rotation.GetInt32();
                }
            }
        }

        return 0;
    }
}
