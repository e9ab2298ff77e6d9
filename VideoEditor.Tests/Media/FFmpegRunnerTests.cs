using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using VideoEditor.Media.FFmpeg;
using VideoEditor.Media.Videos;
using VideoEditor.ServiceDefaults.Telemetry;
using VideoEditor.Tests.Support;

namespace VideoEditor.Tests.Media;

/// <summary>The runner with the real ffmpeg: a run past its time limit, or canceled, is killed and reported.</summary>
public sealed class FFmpegRunnerTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("runner-").FullName;
    private readonly ServiceProvider _services = Services(new VideoLimits());

    private FFmpegRunner Runner => _services.GetRequiredService<FFmpegRunner>();

    private MediaCommands Commands => _services.GetRequiredService<MediaCommands>();

    [Fact]
    public async Task A_run_past_its_time_limit_is_killed_and_reported_as_a_timeout()
    {
        var media = await TestMedia.GetAsync();
        var output = Path.Combine(_directory, "timeout.webm");
        var clock = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<FFmpegTimeoutException>(() => Runner.RunAsync(
            "process", Commands.Transcode(media.Long, output, new TranscodeSpec("webm", null, null, null, false)), TimeSpan.FromSeconds(1), CancellationToken.None));

        Assert.Contains("process", error.Message);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(15), $"took {clock.Elapsed}");
        Assert.Empty(LocalMachine.ProcessesMentioning(output));
    }

    [Fact]
    public async Task Ffmpeg_starts_with_nothing_of_the_services_environment_but_path()
    {
        var media = await TestMedia.GetAsync();
        var output = Path.Combine(_directory, "environment.webm");
        // Stands for the service's secrets (the API key, Redis' password): in this process's environment.
        Environment.SetEnvironmentVariable("VIDEO_EDITOR_TEST_SECRET", "secret-of-the-test");
        using var cancel = new CancellationTokenSource();
        var run = Runner.RunAsync(
            "process", Commands.Transcode(media.Long, output, new TranscodeSpec("webm", null, null, null, false)), TimeSpan.FromMinutes(5), cancel.Token);

        // The same process runs the wrapper script, env, setpriv, then ffmpeg itself (each one execs the next).
        var ffmpeg = await Poll.UntilAsync(
            () => Task.FromResult(LocalMachine.FFmpegProcessesMentioning(output).Where(pid => ExecutableOf(pid).EndsWith("/ffmpeg", StringComparison.Ordinal)).ToList()),
            pids => pids.Count > 0,
            TimeSpan.FromSeconds(60));
        Assert.True(ffmpeg.Count > 0, $"no ffmpeg writing {output} started: {string.Join(", ", LocalMachine.ProcessesMentioning(output).Select(process => process.CommandLine))}");
        var environment = File.ReadAllText($"/proc/{ffmpeg[0]}/environ").Split('\0', StringSplitOptions.RemoveEmptyEntries);
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);

        Assert.Equal(["PATH"], environment.Select(variable => variable.Split('=')[0]));
    }

    private static string ExecutableOf(int pid)
    {
        try
        {
            return new FileInfo($"/proc/{pid}/exe").LinkTarget ?? "";
        }
        catch (IOException)
        {
            return "";
        }
    }

    [Fact]
    public async Task A_canceled_run_is_killed_and_reported_as_canceled()
    {
        var media = await TestMedia.GetAsync();
        var output = Path.Combine(_directory, "canceled.webm");
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(1));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Runner.RunAsync(
            "process", Commands.Transcode(media.Long, output, new TranscodeSpec("webm", null, null, null, false)), TimeSpan.FromMinutes(5), cancel.Token));

        Assert.Empty(LocalMachine.ProcessesMentioning(output));
    }

    [Fact]
    public async Task A_failing_run_reports_what_ffmpeg_said()
    {
        var media = await TestMedia.GetAsync();

        var error = await Assert.ThrowsAsync<FFmpegFailedException>(() => Runner.RunAsync(
            "trim", Commands.Cut(media.Truncated, Path.Combine(_directory, "x.mp4"), "mp4", new CutSpec(0, 1, CutMode.Copy)),
            TimeSpan.FromMinutes(1), CancellationToken.None));

        Assert.Contains("moov atom not found", error.Message);
    }

    [Fact]
    public async Task A_run_outlives_the_thread_that_asked_for_it()
    {
        // The kernel kills ffmpeg when the thread that started it ends (it must die with the service, even on
        // SIGKILL); so a run asked for on a short-lived thread must still be started on a long-lived one.
        Assert.True(_services.GetRequiredService<FFmpegLauncher>().TiesToProcess, "setpriv (util-linux) is missing");
        var media = await TestMedia.GetAsync();
        var output = Path.Combine(_directory, "outlives.webm");
        using var cancel = new CancellationTokenSource();
        Task? run = null;
        var caller = new Thread(() => run = Runner.RunAsync(
            "process", Commands.Transcode(media.Long, output, new TranscodeSpec("webm", null, null, null, false)), TimeSpan.FromMinutes(5), cancel.Token));
        caller.Start();
        caller.Join();

        var ffmpeg = await WaitForAsync(() => LocalMachine.FFmpegProcessesMentioning(output).Count > 0);
        Assert.True(ffmpeg, $"ffmpeg did not start: the run is {run?.Status} {run?.Exception?.InnerException?.Message}");
        await Task.Delay(TimeSpan.FromSeconds(1));

        Assert.False(run!.IsCompleted, $"the run ended when its caller's thread did: {run.Exception?.InnerException?.Message}");
        Assert.NotEmpty(LocalMachine.FFmpegProcessesMentioning(output));
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
    }

    [Fact]
    public async Task A_probe_prints_only_the_fields_it_reads_so_thousands_of_tags_stay_far_under_its_cap()
    {
        var media = await TestMedia.GetAsync();

        var report = await Runner.ProbeAsync(media.TagBombed, TimeSpan.FromSeconds(30), outputCap: 16 * 1024, CancellationToken.None);

        Assert.StartsWith("matroska", report.Format?.FormatName);
        Assert.Equal(64, Assert.Single(report.VideoStreams).Width);
    }

    [Fact]
    public async Task A_probe_past_its_output_cap_is_stopped_and_reported_as_too_large()
    {
        var media = await TestMedia.GetAsync();

        await Assert.ThrowsAsync<OutputTooLargeException>(() => Runner.ProbeAsync(media.TagBombed, TimeSpan.FromSeconds(30), outputCap: 64, CancellationToken.None));
        Assert.DoesNotContain(LocalMachine.ProcessesMentioning(media.TagBombed), process => process.CommandLine.Contains("ffprobe", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Every_decoder_of_a_users_file_is_held_to_the_pixel_limit()
    {
        var media = await TestMedia.GetAsync();
        await Runner.RunAsync("decode", Commands.DecodeFirstFrame(media.TooWide), TimeSpan.FromSeconds(30), CancellationToken.None);

        // 8200x16 is 131 200 pixels.
        using var limited = Services(new VideoLimits { MaxPixels = 100_000 });
        var runner = limited.GetRequiredService<FFmpegRunner>();
        var failure = await Assert.ThrowsAsync<FFmpegFailedException>(() => runner.RunAsync(
            "decode", limited.GetRequiredService<MediaCommands>().DecodeFirstFrame(media.TooWide), TimeSpan.FromSeconds(30), CancellationToken.None));
        Assert.Contains("max pixel", failure.Message, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>
    /// Whether <paramref name="condition"/> held once within 5 s. Not asked again at the end: ffmpeg starts through a
    /// wrapper (sh, then env, then setpriv), and between those execs the process does not look like ffmpeg.
    /// </summary>
    private static async Task<bool> WaitForAsync(Func<bool> condition)
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            if (condition())
            {
                return true;
            }

            await Task.Delay(50);
        }

        return false;
    }

    private static ServiceProvider Services(VideoLimits limits) => new ServiceCollection()
        .AddMetrics()
        .AddLogging()
        .AddSingleton<VideoEditorInstrumentation>()
        .AddSingleton<VideoEditorMetrics>()
        .AddSingleton(TimeProvider.System)
        .AddSingleton(Options.Create(new FFmpegOptions()))
        .AddSingleton(Options.Create(limits))
        .AddSingleton<MediaCommands>()
        .AddSingleton<FFmpegLauncher>()
        .AddSingleton<FFmpegRunner>()
        .BuildServiceProvider();

    public void Dispose()
    {
        _services.Dispose();
        Directory.Delete(_directory, recursive: true);
    }
}
