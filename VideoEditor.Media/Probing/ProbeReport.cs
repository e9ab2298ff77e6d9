using System.Globalization;
using System.Text.Json.Serialization;

namespace VideoEditor.Media.Probing;

/// <summary>
/// The fields of ffprobe's JSON the service reads, and only those: <see cref="FFmpeg.MediaCommands.ProbeArguments"/>
/// asks ffprobe for exactly these (<c>-show_entries</c>), so a file with megabytes of tags prints a few hundred bytes.
/// </summary>
public sealed record ProbeReport(
    [property: JsonPropertyName("format")] ProbedFormat? Format,
    [property: JsonPropertyName("streams")] IReadOnlyList<ProbedStream>? Streams)
{
    public IEnumerable<ProbedStream> VideoStreams => (Streams ?? []).Where(stream => stream.CodecType == "video");

    public ProbedStream? PrimaryAudioStream => (Streams ?? []).FirstOrDefault(stream => stream.CodecType == "audio");
}

public sealed record ProbedFormat(
    [property: JsonPropertyName("format_name")] string? FormatName,
    [property: JsonPropertyName("duration")] string? Duration,
    [property: JsonPropertyName("bit_rate")] string? BitRate,
    [property: JsonPropertyName("nb_streams")] int StreamCount,
    [property: JsonPropertyName("tags")] IReadOnlyDictionary<string, string>? Tags)
{
    public double DurationSeconds => ProbeNumbers.Parse(Duration);

    public long BitsPerSecond => (long)ProbeNumbers.Parse(BitRate);
}

public sealed record ProbedStream(
    [property: JsonPropertyName("codec_type")] string? CodecType,
    [property: JsonPropertyName("codec_name")] string? CodecName,
    [property: JsonPropertyName("width")] int? Width,
    [property: JsonPropertyName("height")] int? Height,
    [property: JsonPropertyName("avg_frame_rate")] string? AverageFrameRate,
    [property: JsonPropertyName("r_frame_rate")] string? RealFrameRate,
    [property: JsonPropertyName("disposition")] IReadOnlyDictionary<string, int>? Disposition,
    [property: JsonPropertyName("tags")] IReadOnlyDictionary<string, string>? Tags,
    [property: JsonPropertyName("side_data_list")] IReadOnlyList<ProbedSideData>? SideData)
{
    /// <summary>Cover art: a one-frame picture stored as a "video" stream.</summary>
    public bool IsAttachedPicture => Disposition?.GetValueOrDefault("attached_pic") == 1;

    /// <summary>The stream's frame rate: the average, else the base rate ffprobe guesses.</summary>
    public double FrameRate => ProbeNumbers.Rate(AverageFrameRate) is > 0 and var average ? average : ProbeNumbers.Rate(RealFrameRate);

    /// <summary>
    /// The rotation in degrees, 0 to 359: the old <c>rotate</c> tag where a file has it, else the display matrix's
    /// rotation (ffmpeg 5 turns the tag into the matrix when it reads the file).
    /// </summary>
    public int Rotation
    {
        get
        {
            var degrees = Tags?.GetValueOrDefault("rotate") is { } tag
                ? ProbeNumbers.Parse(tag)
                : SideData?.FirstOrDefault(data => data.Rotation is not null)?.Rotation ?? 0;
            return (((int)Math.Round(degrees) % 360) + 360) % 360;
        }
    }
}

public sealed record ProbedSideData([property: JsonPropertyName("rotation")] double? Rotation);

/// <summary>ffprobe prints most numbers as strings ("4.000000", "30000/1001", "N/A").</summary>
internal static class ProbeNumbers
{
    public static double Parse(string? value) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number) ? number : 0;

    public static double Rate(string? value)
    {
        var parts = (value ?? "").Split('/');
        var numerator = Parse(parts[0]);
        var denominator = parts.Length == 2 ? Parse(parts[1]) : 1;
        return denominator > 0 ? numerator / denominator : 0;
    }
}

[JsonSerializable(typeof(ProbeReport))]
internal sealed partial class ProbeJsonContext : JsonSerializerContext;
