using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Globalization;
using VideoEditor.Media.FFmpeg;
using VideoEditor.Media.Jobs;
using VideoEditor.Media.Videos;

namespace VideoEditor.Api.Jobs;

// What each field means and may hold, as the OpenAPI document (and so the API reference) shows it; JobRequestValidation
// enforces it and names the limits in its 400 answer. [Required] only documents: without the field the answer is 400.

public sealed record TrimRequest(
    [property: Description("Where the piece starts, in seconds from the start of the video (default 0).")] double? Start = null,
    [property: Required, Description("Where the piece ends, in seconds: after start, at most the video's duration.")] double? End = null,
    [property: Description(TrimRequest.ModeDescription)] string? Mode = null)
{
    public const string ModeDescription = "accurate (default) re-encodes: the piece starts at the exact time. "
        + "copy copies the packets: fast and lossless, but the piece starts at the keyframe at or before its start.";
}

/// <summary>Either <c>at</c> or <c>segmentSeconds</c>.</summary>
public sealed record SplitRequest(
    [property: Description("Cut points in seconds: increasing, each inside the video. Or give segmentSeconds.")] double[]? At = null,
    [property: Description("The length of every piece but the last, in seconds. Or give at.")] double? SegmentSeconds = null,
    [property: Description(TrimRequest.ModeDescription)] string? Mode = null);

public sealed record ProcessRequest(
    [property: Description("Width in pixels; given alone, the height keeps the aspect ratio.")] int? Width = null,
    [property: Description("Height in pixels; given alone, the width keeps the aspect ratio.")] int? Height = null,
    [property: Required, Description("mp4 (H.264/AAC) or webm (VP9/Opus).")] string? Format = null,
    [property: Description("Frames per second (default: the video's).")] double? Fps = null,
    [property: Description("true leaves the sound out (default false).")] bool? Mute = null);

/// <summary>Checks a job request against its video and turns it into the work the worker does.</summary>
public static class JobRequestValidation
{
    public const int MaxPieces = 100;
    public const double MaxFps = 240;

    // Times are compared with a millisecond of slack: a client may send the duration it read from the API.
    private const double Slack = 0.001;

    public static (JobWork? Work, Dictionary<string, string[]> Errors) Trim(TrimRequest request, Video video)
    {
        var errors = new Dictionary<string, string[]>();
        var mode = ParseMode(request.Mode, errors);
        var start = request.Start ?? 0;
        if (!double.IsFinite(start) || start < 0 || start >= video.DurationSeconds)
        {
            errors["start"] = [$"start is 0 to less than the duration ({Seconds(video.DurationSeconds)})."];
        }

        if (request.End is not { } end || !double.IsFinite(end) || end <= start || end > video.DurationSeconds + Slack)
        {
            errors["end"] = [$"end is after start and at most the duration ({Seconds(video.DurationSeconds)})."];
            return (null, errors);
        }

        return errors.Count > 0 ? (null, errors) : (new JobWork([new CutSpec(start, Math.Min(end, video.DurationSeconds) - start, mode)], null), errors);
    }

    public static (JobWork? Work, Dictionary<string, string[]> Errors) Split(SplitRequest request, Video video)
    {
        var errors = new Dictionary<string, string[]>();
        var mode = ParseMode(request.Mode, errors);
        var duration = video.DurationSeconds;
        double[] points;
        if (request.At is { } at == request.SegmentSeconds is { })
        {
            errors["at"] = ["Give either at (cut points) or segmentSeconds, not both and not neither."];
            return (null, errors);
        }
        else if (request.At is { } cutPoints)
        {
            points = cutPoints;
            var increasing = points.Zip(points.Skip(1)).All(pair => pair.First < pair.Second);
            if (points.Length == 0 || points.Length >= MaxPieces || !increasing || points.Any(point => !double.IsFinite(point) || point <= 0 || point >= duration))
            {
                errors["at"] = [$"at holds 1 to {MaxPieces - 1} increasing times, each between 0 and the duration ({Seconds(duration)})."];
            }
        }
        else
        {
            var length = request.SegmentSeconds!.Value;
            if (!double.IsFinite(length) || length <= 0 || Math.Ceiling(duration / length) > MaxPieces)
            {
                errors["segmentSeconds"] = [$"segmentSeconds is positive and makes at most {MaxPieces} pieces of this {Seconds(duration)} s video."];
                return (null, errors);
            }

            points = Enumerable.Range(1, (int)Math.Ceiling(duration / length) - 1).Select(index => index * length).Where(point => point < duration).ToArray();
        }

        if (errors.Count > 0)
        {
            return (null, errors);
        }

        var bounds = points.Prepend(0).Append(duration).ToArray();
        var cuts = bounds.Zip(bounds.Skip(1)).Select(piece => new CutSpec(piece.First, piece.Second - piece.First, mode)).ToList();
        return (new JobWork(cuts, null), errors);
    }

    public static (JobWork? Work, Dictionary<string, string[]> Errors) Process(ProcessRequest request, int maxDimension)
    {
        var errors = new Dictionary<string, string[]>();
        if (request.Format is not ("mp4" or "webm"))
        {
            errors["format"] = ["format is mp4 (H.264/AAC) or webm (VP9/Opus)."];
        }

        foreach (var (name, size) in new[] { ("width", request.Width), ("height", request.Height) })
        {
            if (size is { } pixels && (pixels < 2 || pixels > maxDimension))
            {
                errors[name] = [$"{name} is 2 to {maxDimension} pixels."];
            }
        }

        if (request.Fps is { } fps && (!double.IsFinite(fps) || fps <= 0 || fps > MaxFps))
        {
            errors["fps"] = [$"fps is above 0 and at most {MaxFps}."];
        }

        return errors.Count > 0
            ? (null, errors)
            : (new JobWork(null, new TranscodeSpec(request.Format!, request.Width, request.Height, request.Fps, request.Mute ?? false)), errors);
    }

    private static CutMode ParseMode(string? mode, Dictionary<string, string[]> errors)
    {
        switch (mode)
        {
            case null or "accurate":
                return CutMode.Accurate;
            case "copy":
                return CutMode.Copy;
            default:
                errors["mode"] = ["mode is copy or accurate."];
                return CutMode.Accurate;
        }
    }

    private static string Seconds(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);
}
