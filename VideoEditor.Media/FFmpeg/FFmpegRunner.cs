using System.Diagnostics;
using System.Text.Json;
using FFMpegCore;
using FFMpegCore.Exceptions;
using VideoEditor.Media.Probing;
using VideoEditor.ServiceDefaults.Telemetry;

namespace VideoEditor.Media.FFmpeg;

/// <summary>
/// Runs every ffmpeg command from <see cref="MediaCommands"/> and every ffprobe, each with a time limit, a span and
/// the ffmpeg metrics. On cancel or timeout the process is killed at once: no ffmpeg outlives the work it was
/// started for (nor, through <see cref="FFmpegLauncher"/>, this process).
/// </summary>
public sealed class FFmpegRunner(FFmpegLauncher launcher, MediaCommands commands, VideoEditorInstrumentation instrumentation, VideoEditorMetrics metrics, TimeProvider time)
{
    /// <param name="operation">What the run is for (one of <see cref="MetricLabels.Operation"/>), for errors, spans and metrics.</param>
    /// <param name="progress">Called with 0..1 while ffmpeg runs, given the output's expected duration.</param>
    public Task RunAsync(
        string operation,
        FFMpegArgumentProcessor command,
        TimeSpan timeout,
        CancellationToken cancellationToken,
        (Action<double> Report, TimeSpan ExpectedDuration)? progress = null)
    {
        var errors = new LastLines();
        command.NotifyOnStandardError(errors.Add);
        if (progress is { ExpectedDuration: var expected, Report: var report } && expected > TimeSpan.Zero)
        {
            command.NotifyOnPercentageProgress(percent => report(Math.Clamp(percent / 100, 0, 1)), expected);
        }

        return MeasureAsync(operation, command.Arguments, timeout, cancellationToken, async token =>
        {
            try
            {
                return await launcher.StartAsync(() => command
                    .CancellableThrough(token, TimeSpan.Zero)
                    .ProcessAsynchronously(throwOnError: true, launcher.FFOptions));
            }
            catch (FFMpegException exception) when (!token.IsCancellationRequested)
            {
                throw new FFmpegFailedException(operation, errors.Describe(none: exception.Message), exception);
            }
        });
    }

    /// <summary>
    /// What ffprobe reports of a file: only the fields the service reads, through the same safe input options as every
    /// ffmpeg run. Past <paramref name="outputCap"/> bytes of output ffprobe is killed and the probe fails with an
    /// <see cref="OutputTooLargeException"/>.
    /// </summary>
    public Task<ProbeReport> ProbeAsync(string path, TimeSpan timeout, long outputCap, CancellationToken cancellationToken) =>
        MeasureAsync(MetricLabels.Operation.Probe, path, timeout, cancellationToken, async token =>
        {
            var output = await launcher.StartAsync(() => CapturedRun.RunAsync(
                MetricLabels.Operation.Probe, launcher.PathOf("ffprobe"), commands.ProbeArguments(path), outputCap, token));
            try
            {
                return JsonSerializer.Deserialize(output, ProbeJsonContext.Default.ProbeReport) ?? throw new JsonException("ffprobe printed null.");
            }
            catch (JsonException exception)
            {
                throw new FFmpegFailedException(MetricLabels.Operation.Probe, "ffprobe printed what cannot be read", exception);
            }
        });

    /// <summary>
    /// Runs <paramref name="run"/> with a token that fires on <paramref name="cancellationToken"/> or after
    /// <paramref name="timeout"/>, in a span, and records its duration and outcome: success, error (an
    /// <see cref="FFmpegFailedException"/>), timeout (an <see cref="FFmpegTimeoutException"/>) or canceled.
    /// </summary>
    private async Task<T> MeasureAsync<T>(
        string operation, string arguments, TimeSpan timeout, CancellationToken cancellationToken, Func<CancellationToken, Task<T>> run)
    {
        using var activity = instrumentation.ActivitySource.StartActivity($"ffmpeg {operation}");
        activity?.SetTag("ffmpeg.operation", operation);
        activity?.SetTag("ffmpeg.arguments", arguments);
        using var timeoutSource = new CancellationTokenSource(timeout);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeoutSource.Token);

        var started = time.GetTimestamp();
        var status = MetricLabels.Status.Error;
        try
        {
            var result = await run(linked.Token);
            linked.Token.ThrowIfCancellationRequested();
            status = MetricLabels.Status.Success;
            return result;
        }
        catch (Exception exception) when (cancellationToken.IsCancellationRequested)
        {
            status = MetricLabels.Status.Canceled;
            throw new OperationCanceledException($"ffmpeg {operation} was canceled.", exception, cancellationToken);
        }
        catch (Exception) when (timeoutSource.IsCancellationRequested)
        {
            status = MetricLabels.Status.Timeout;
            throw new FFmpegTimeoutException(operation, timeout);
        }
        finally
        {
            metrics.FFmpegRan(operation, time.GetElapsedTime(started), status);
            activity?.SetTag("ffmpeg.status", status);
            if (status != MetricLabels.Status.Success)
            {
                activity?.SetStatus(ActivityStatusCode.Error, status);
            }
        }
    }
}
