using System.Text;
using FFMpegCore;
using FFMpegCore.Exceptions;
using Microsoft.Extensions.Options;
using VideoEditor.ServiceDefaults.Telemetry;

namespace VideoEditor.Media.FFmpeg;

/// <summary>
/// Runs one ffmpeg command from <see cref="MediaCommands"/> with a time limit. On cancel or timeout the process
/// is killed at once: no ffmpeg outlives the work it was started for.
/// </summary>
public sealed class FFmpegRunner(IOptions<FFmpegOptions> options, VideoEditorInstrumentation instrumentation, VideoEditorMetrics metrics, TimeProvider time)
{
    private const int ErrorLinesKept = 5;

    /// <summary>The values of the <c>operation</c> label.</summary>
    public static class Operations
    {
        public const string Thumbnail = "thumbnail";
        public const string Probe = "probe";
        public const string Decode = "decode";
        public const string Trim = "trim";
        public const string Split = "split";
        public const string Process = "process";
    }

    public FFOptions FFOptions { get; } = new() { BinaryFolder = options.Value.BinaryFolder };

    /// <param name="operation">What the run is for (one of <see cref="Operations"/>), for errors, spans and metrics.</param>
    /// <param name="progress">Called with 0..1 while ffmpeg runs, given the output's expected duration.</param>
    public async Task RunAsync(
        string operation,
        FFMpegArgumentProcessor command,
        TimeSpan timeout,
        CancellationToken cancellationToken,
        (Action<double> Report, TimeSpan ExpectedDuration)? progress = null)
    {
        using var activity = instrumentation.ActivitySource.StartActivity($"ffmpeg {operation}");
        activity?.SetTag("ffmpeg.operation", operation);
        activity?.SetTag("ffmpeg.arguments", command.Arguments);
        using var timeoutSource = new CancellationTokenSource(timeout);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeoutSource.Token);
        var errors = new Queue<string>();
        command.NotifyOnStandardError(line =>
        {
            lock (errors)
            {
                errors.Enqueue(line);
                if (errors.Count > ErrorLinesKept)
                {
                    errors.Dequeue();
                }
            }
        });
        if (progress is { ExpectedDuration: var expected, Report: var report } && expected > TimeSpan.Zero)
        {
            command.NotifyOnPercentageProgress(percent => report(Math.Clamp(percent / 100, 0, 1)), expected);
        }

        var started = time.GetTimestamp();
        var status = VideoEditorMetrics.Status.Error;
        try
        {
            await command
                .CancellableThrough(linked.Token, TimeSpan.Zero)
                .ProcessAsynchronously(throwOnError: true, FFOptions);
            linked.Token.ThrowIfCancellationRequested();
            status = VideoEditorMetrics.Status.Success;
        }
        catch (Exception exception) when (cancellationToken.IsCancellationRequested)
        {
            status = VideoEditorMetrics.Status.Canceled;
            throw new OperationCanceledException($"ffmpeg {operation} was canceled.", exception, cancellationToken);
        }
        catch (Exception) when (timeoutSource.IsCancellationRequested)
        {
            status = VideoEditorMetrics.Status.Timeout;
            throw new FFmpegTimeoutException(operation, timeout);
        }
        catch (FFMpegException exception)
        {
            string detail;
            lock (errors)
            {
                detail = errors.Count > 0 ? string.Join(" | ", errors) : exception.Message;
            }

            throw new FFmpegFailedException(operation, detail, exception);
        }
        finally
        {
            metrics.FFmpegRan(operation, time.GetElapsedTime(started), status);
            activity?.SetTag("ffmpeg.status", status);
            if (status != VideoEditorMetrics.Status.Success)
            {
                activity?.SetStatus(System.Diagnostics.ActivityStatusCode.Error, status);
            }
        }
    }
}
