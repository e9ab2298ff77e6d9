using System.Globalization;
using Microsoft.Extensions.Options;
using VideoEditor.Media.FFmpeg;
using VideoEditor.Media.Jobs;
using VideoEditor.Media.Previews;
using VideoEditor.Media.Probing;
using VideoEditor.Media.Storage;
using VideoEditor.Media.Videos;
using VideoEditor.Worker.Previews;

namespace VideoEditor.Worker.Jobs;

/// <summary>
/// Does a job's media work: each output is written by ffmpeg into a staging area, probed, and committed as a
/// video of its own, whose previews are then asked for like an upload's. Output ids derive from the job id, so a
/// job run again after a crash finds the outputs it already committed and does not make them twice. All the ffmpeg
/// runs of one attempt share one deadline (<see cref="JobLimits.Timeout"/>), and no output may be larger than an
/// upload may be.
/// </summary>
public sealed class JobExecutor(
    IVideoStorage storage,
    FFmpegRunner ffmpeg,
    MediaCommands commands,
    VideoProber prober,
    PreviewMaker previews,
    PreviewRequester previewRequests,
    IOptions<JobLimits> jobLimits,
    IOptions<VideoLimits> videoLimits,
    TimeProvider time)
{
    public async Task<IReadOnlyList<string>> ExecuteAsync(Job job, Action<double> reportProgress, CancellationToken cancellationToken)
    {
        var deadline = time.GetUtcNow() + jobLimits.Value.Timeout;
        var source = await storage.FindAsync(job.VideoId, cancellationToken)
            ?? throw new JobFailedException(JobErrorTypes.SourceMissing, $"Video {job.VideoId} no longer exists.");
        if (job.Type == JobType.Preview)
        {
            var expected = TimeSpan.FromSeconds(source.DurationSeconds);
            await previews.MakeAsync(source, command => RunAsync(job.Type, command, expected, deadline, cancellationToken, reportProgress), cancellationToken);
            return [];
        }

        var input = storage.ContentPath(source);
        var baseName = Path.GetFileNameWithoutExtension(source.FileName);

        var outputs = Plan(job, source, input, baseName);
        var outputIds = new List<string>();
        for (var index = 0; index < outputs.Count; index++)
        {
            var (format, fileName, expected, command) = outputs[index];
            var outputId = VideoId.Derived(job.Id, $"output-{index}");
            outputIds.Add(outputId);
            if (storage.Exists(outputId))
            {
                continue;
            }

            var first = index;
            using var staged = storage.Stage(outputId);
            var path = staged.PathFor(MediaContainers.Extension(format));
            await RunAsync(job.Type, command(path), expected, deadline, cancellationToken, progress => reportProgress((first + progress) / outputs.Count));
            if (new FileInfo(path).Length >= videoLimits.Value.MaxUploadBytes)
            {
                // ffmpeg stopped writing at the limit (-fs) and ended as if it had finished: the file is cut short.
                throw new JobFailedException(JobErrorTypes.OutputTooLarge, $"The output would be larger than {videoLimits.Value.MaxUploadBytes} bytes, the largest video accepted.");
            }

            var probe = await prober.ProbeAsync(path, cancellationToken);
            if (probe.Properties is null)
            {
                throw new JobFailedException(JobErrorTypes.OutputInvalid, $"ffmpeg wrote an output that cannot be read back: {probe.Detail}");
            }

            var output = probe.Properties.ToVideo(outputId, fileName, time.GetUtcNow());
            if (await staged.CommitAsync(output, path, cancellationToken))
            {
                await previewRequests.RequestAsync(output);
            }
        }

        reportProgress(1);
        return outputIds;
    }

    private async Task RunAsync(
        JobType type, FFMpegCore.FFMpegArgumentProcessor command, TimeSpan expected, DateTimeOffset deadline, CancellationToken cancellationToken, Action<double> progress)
    {
        var timeLeft = deadline - time.GetUtcNow();
        if (timeLeft <= TimeSpan.Zero)
        {
            throw TimedOut();
        }

        try
        {
            await ffmpeg.RunAsync(type.Label(), command, timeLeft, cancellationToken, (progress, expected));
        }
        catch (FFmpegTimeoutException exception)
        {
            throw TimedOut(exception);
        }
        catch (FFmpegFailedException exception)
        {
            throw new JobFailedException(JobErrorTypes.FFmpegFailed, exception.Message, exception);
        }
    }

    private JobFailedException TimedOut(Exception? inner = null) =>
        new(JobErrorTypes.Timeout, $"The job ran longer than {jobLimits.Value.Timeout.TotalSeconds:0} s and was stopped.", inner);

    /// <summary>Each output: its container, its file name, how long it will last, and the ffmpeg command that writes it.</summary>
    private List<(string Format, string FileName, TimeSpan Expected, Func<string, FFMpegCore.FFMpegArgumentProcessor> Command)> Plan(
        Job job, Video source, string input, string baseName)
    {
        if (job.Work.Transcode is { } transcode)
        {
            var size = transcode.Width is null && transcode.Height is null ? "" : $"-{transcode.Width?.ToString(CultureInfo.InvariantCulture) ?? "auto"}x{transcode.Height?.ToString(CultureInfo.InvariantCulture) ?? "auto"}";
            return
            [
                (transcode.Format, $"{baseName}{size}{MediaContainers.Extension(transcode.Format)}", TimeSpan.FromSeconds(source.DurationSeconds),
                    output => commands.Transcode(input, output, transcode)),
            ];
        }

        var cuts = job.Work.Cuts ?? throw new JobFailedException(JobErrorTypes.FFmpegFailed, "The job has no work.");
        return cuts.Select((cut, index) =>
        {
            var format = MediaCommands.CutFormat(source.Format, cut.Mode);
            var name = job.Type == JobType.Split
                ? $"{baseName}-part{index + 1}{MediaContainers.Extension(format)}"
                : string.Create(CultureInfo.InvariantCulture, $"{baseName}-{cut.Start:0.###}-{cut.Start + cut.Duration:0.###}{MediaContainers.Extension(format)}");
            return (format, name, TimeSpan.FromSeconds(cut.Duration),
                (Func<string, FFMpegCore.FFMpegArgumentProcessor>)(output => commands.Cut(input, output, source.Format, cut)));
        }).ToList();
    }
}
