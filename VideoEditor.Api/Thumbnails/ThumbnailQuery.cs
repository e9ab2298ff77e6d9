using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.OpenApi;
using VideoEditor.Media.FFmpeg;
using VideoEditor.Media.Videos;

namespace VideoEditor.Api.Thumbnails;

/// <summary>
/// The query of a thumbnail request, checked against the video: <c>t</c> within the video, sizes from 1 to the
/// limit, a known format, and an image no larger than the video's frame nor than the pixel limit (what a request
/// may make the api decode, scale and hold). Produces the normalised spec the cache key and ffmpeg use.
/// </summary>
public static class ThumbnailQuery
{
    public static (ThumbnailSpec? Spec, Dictionary<string, string[]> Errors) Parse(IQueryCollection query, Video video, int maxDimension, long maxPixels)
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

        if (!errors.ContainsKey("width") && !errors.ContainsKey("height"))
        {
            CheckOutputSize(video, width, height, maxPixels, errors);
        }

        // Milliseconds are finer than any frame: the key does not split on digits nobody can see.
        var spec = new ThumbnailSpec(Math.Round(time, 3), width, height, format, accurate);
        return (errors.Count == 0 ? spec : null, errors);
    }

    /// <summary>
    /// The query parameters <see cref="Parse"/> reads, for the OpenAPI document: the endpoint reads the query itself,
    /// so that a bad value gets a 400 naming it rather than a binding failure.
    /// </summary>
    public static void Describe(OpenApiOperation operation)
    {
        operation.Parameters ??= [];
        foreach (var (name, description, schema) in new (string, string, OpenApiSchema)[]
        {
            ("t", "Seconds from the start: 0 to less than the duration (default 0).",
                new() { Type = JsonSchemaType.Number, Minimum = "0", Default = 0 }),
            ("width", "Pixels, at most the video's width (never enlarged). Given alone, the height keeps the aspect ratio; neither: the video's size.",
                new() { Type = JsonSchemaType.Integer, Minimum = "1" }),
            ("height", "Pixels, at most the video's height (never enlarged). Given alone, the width keeps the aspect ratio.",
                new() { Type = JsonSchemaType.Integer, Minimum = "1" }),
            ("format", "The image format (default jpeg).",
                new() { Type = JsonSchemaType.String, Enum = [.. ImageFormats.Names.Select(format => JsonValue.Create(format))], Default = ImageFormat.Jpeg.Name() }),
            ("accurate", "false (default): the keyframe at or before t, fast. true: the exact frame at t.",
                new() { Type = JsonSchemaType.Boolean, Default = false }),
        })
        {
            operation.Parameters.Add(new OpenApiParameter { Name = name, In = ParameterLocation.Query, Description = description, Schema = schema });
        }
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

    /// <summary>
    /// The size of the image: both sides as asked; one side as asked and the other as ffmpeg's <c>scale=w:-1</c> /
    /// <c>scale=-1:h</c> gives it (rounded to the nearest pixel), so a thumbnail made from a preview has the size the
    /// same request made by ffmpeg has; neither, the video's own size.
    /// </summary>
    public static (int Width, int Height) OutputSize(Video video, int? width, int? height) => (width, height) switch
    {
        ({ } both, { } and) => (both, and),
        ({ } given, null) => (given, Scaled(given, video.Height, video.Width)),
        (null, { } given) => (Scaled(given, video.Width, video.Height), given),
        _ => (video.Width, video.Height),
    };

    private static int Scaled(int size, int numerator, int denominator) =>
        Math.Max(1, (int)Math.Round((double)size * numerator / denominator, MidpointRounding.AwayFromZero));

    private static void CheckOutputSize(Video video, int? width, int? height, long maxPixels, Dictionary<string, string[]> errors)
    {
        var enlarged = false;
        if (width > video.Width)
        {
            errors["width"] = [$"width is at most the video's width ({video.Width}): thumbnails are never enlarged."];
            enlarged = true;
        }

        if (height > video.Height)
        {
            errors["height"] = [$"height is at most the video's height ({video.Height}): thumbnails are never enlarged."];
            enlarged = true;
        }

        // With one side asked for, the other follows the aspect ratio: within the frame too, but it counts in the area.
        var (outputWidth, outputHeight) = OutputSize(video, width, height);
        if (!enlarged && (long)outputWidth * outputHeight > maxPixels)
        {
            errors[width is null && height is not null ? "height" : "width"] =
                [$"The image would be {outputWidth}x{outputHeight}, over the {maxPixels} pixels a thumbnail may have: ask for a smaller width or height."];
        }
    }
}
