using System.Globalization;
using System.Text.RegularExpressions;
using FFMpegCore;
using Microsoft.Extensions.Options;
using VideoEditor.Media.FFmpeg;
using VideoEditor.Media.Jobs;
using VideoEditor.Media.Previews;
using VideoEditor.Media.Storage;
using VideoEditor.Media.Videos;

namespace VideoEditor.Worker.Previews;

/// <summary>
/// Makes a video's previews after its upload: every keyframe at preview size with its exact time, from one ffmpeg
/// pass, and the storyboard composed from them in-process. Written aside and committed with one rename, so readers
/// see all of it or nothing, and a job that runs again finds the previews made and stops. A video with more than
/// <see cref="PreviewOptions.MaxFrames"/> keyframes gets a second pass that keeps two a storyboard tile at most: its
/// index says it does not hold every keyframe, so the api makes its thumbnails with ffmpeg.
/// </summary>
public sealed partial class PreviewMaker(IVideoStorage storage, MediaCommands commands, IOptions<PreviewOptions> options)
{
    private const string TimesFile = "frames.txt";

    /// <param name="runFFmpeg">Runs the ffmpeg command as a step of the job (time limit, cancel, errors).</param>
    public async Task MakeAsync(Video video, Func<FFMpegArgumentProcessor, Task> runFFmpeg, CancellationToken cancellationToken)
    {
        if (Directory.Exists(storage.PreviewFolder(video.Id)))
        {
            return;
        }

        var (width, height) = PreviewSize(video, options.Value.MaxWidth);
        using var staged = storage.StagePreview(video.Id);
        var times = Path.Combine(staged.Folder, TimesFile);
        var maxFrames = options.Value.MaxFrames;
        var layout = StoryboardLayout.Plan(video.DurationSeconds, width, height, options.Value);
        await runFFmpeg(commands.Previews(storage.ContentPath(video), staged.Folder, times, width, height, maxFrames + 1));
        var frames = ReadFrames(times, staged.Folder);
        var everyKeyframe = frames.Count <= maxFrames;
        if (!everyKeyframe)
        {
            foreach (var file in Directory.EnumerateFiles(staged.Folder))
            {
                File.Delete(file);
            }

            var tileSpan = video.DurationSeconds / layout.Tiles.Count;
            await runFFmpeg(commands.Previews(storage.ContentPath(video), staged.Folder, times, width, height, maxFrames, minGap: tileSpan / 2));
            frames = ReadFrames(times, staged.Folder);
        }

        if (frames.Count == 0)
        {
            throw new JobFailedException(JobErrorTypes.FFmpegFailed, "ffmpeg decoded no keyframe of the video.");
        }

        File.Delete(times);
        var index = new PreviewIndex(width, height, frames, everyKeyframe);
        StoryboardSprite.Write(index, layout, staged.Folder, PreviewIndex.StoryboardImage);
        await File.WriteAllTextAsync(Path.Combine(staged.Folder, PreviewIndex.StoryboardCues), layout.ToWebVtt(PreviewIndex.StoryboardImage), cancellationToken);
        await index.WriteAsync(staged.Folder, cancellationToken);
        staged.Commit();
    }

    /// <summary>At most <paramref name="maxWidth"/> wide (never enlarged), the video's aspect ratio, even sides.</summary>
    public static (int Width, int Height) PreviewSize(Video video, int maxWidth)
    {
        var width = Math.Max(2, Math.Min(maxWidth, video.Width) / 2 * 2);
        var height = Math.Max(2, (int)Math.Round((double)width * video.Height / video.Width / 2) * 2);
        return (width, height);
    }

    /// <summary>Pairs the n-th time ffmpeg printed with the n-th frame file it wrote; frames without a time are left out.</summary>
    private static List<PreviewFrame> ReadFrames(string timesFile, string folder) =>
        File.ReadLines(timesFile)
            .Select(line => FrameLine().Match(line))
            .Where(match => match.Success)
            .Select(match => (
                File: MediaCommands.PreviewFrameName(int.Parse(match.Groups["frame"].Value, CultureInfo.InvariantCulture)),
                Time: double.TryParse(match.Groups["time"].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var time) ? time : double.NaN))
            .Where(frame => double.IsFinite(frame.Time) && File.Exists(Path.Combine(folder, frame.File)))
            .OrderBy(frame => frame.Time)
            .Select(frame => new PreviewFrame(frame.Time, frame.File))
            .ToList();

    [GeneratedRegex(@"^frame:(?<frame>\d+)\s+pts:\S+\s+pts_time:(?<time>\S+)")]
    private static partial Regex FrameLine();
}
