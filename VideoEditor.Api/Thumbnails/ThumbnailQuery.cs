using System.Globalization;
using VideoEditor.Media.FFmpeg;
using VideoEditor.Media.Videos;

namespace VideoEditor.Api.Thumbnails;

/// <summary>
/// The query of a thumbnail request, checked against the video: <c>t</c> within the video, sizes from 1 to the
/// limit, a known format. Produces the normalised spec the cache key and ffmpeg use.
/// </summary>
public static class ThumbnailQuery
{
    public static (ThumbnailSpec? Spec, Dictionary<string, string[]> Errors) Parse(IQueryCollection query, Video video, int maxDimension)
    {
        var errors = new Dictionary<string, string[]>();

        var time = 0.0;
        if (query.TryGetValue("t", out var t) &&
            (!double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out time) || !double.IsFinite(time) || time < 0 || time >= video.DurationSeconds))
        {
            errors["t"] = [$"t is a time in seconds from 0 to less than the duration ({video.DurationSeconds.ToString(CultureInfo.InvariantCulture)})."];
        }

        var width = ParseSize(query, "width", maxDimension, errors);
        var height = ParseSize(query, "height", maxDimension, errors);

        var format = ImageFormat.Jpeg;
        if (query.TryGetValue("format", out var formatText) && !ImageFormats.TryParse(formatText, out format))
        {
            errors["format"] = ["format is jpeg, png or webp."];
        }

        var accurate = false;
        if (query.TryGetValue("accurate", out var accurateText) && !bool.TryParse(accurateText, out accurate))
        {
            errors["accurate"] = ["accurate is true or false."];
        }

        // Milliseconds are finer than any frame: the key does not split on digits nobody can see.
        var spec = new ThumbnailSpec(Math.Round(time, 3), width, height, format, accurate);
        return (errors.Count == 0 ? spec : null, errors);
    }

    private static int? ParseSize(IQueryCollection query, string name, int maxDimension, Dictionary<string, string[]> errors)
    {
        if (!query.TryGetValue(name, out var text))
        {
            return null;
        }

        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var size) && size >= 1 && size <= maxDimension)
        {
            return size;
        }

        errors[name] = [$"{name} is a whole number of pixels from 1 to {maxDimension}."];
        return null;
    }
}
