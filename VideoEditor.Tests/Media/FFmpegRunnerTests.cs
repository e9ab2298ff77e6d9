using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using VideoEditor.Media.FFmpeg;
using VideoEditor.ServiceDefaults.Telemetry;
using VideoEditor.Tests.Support;

namespace VideoEditor.Tests.Media;

/// <summary>The runner with the real ffmpeg: a run past its time limit, or canceled, is killed and reported.</summary>
public sealed class FFmpegRunnerTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("runner-").FullName;
    private readonly ServiceProvider _services = new ServiceCollection()
        .AddMetrics()
        .AddLogging()
        .AddSingleton<VideoEditorInstrumentation>()
        .AddSingleton<VideoEditorMetrics>()
        .AddSingleton(TimeProvider.System)
        .AddSingleton(Options.Create(new FFmpegOptions()))
        .AddSingleton<FFmpegLauncher>()
        .AddSingleton<FFmpegRunner>()
        .BuildServiceProvider();

    private FFmpegRunner Runner => _services.GetRequiredService<FFmpegRunner>();

    [Fact]
    public async Task A_run_past_its_time_limit_is_killed_and_reported_as_a_timeout()
    {
        var media = await TestMedia.GetAsync();
        var output = Path.Combine(_directory, "timeout.webm");
        var clock = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<FFmpegTimeoutException>(() => Runner.RunAsync(
            "process", MediaCommands.Transcode(media.Long, output, new TranscodeSpec("webm", null, null, null, false)), TimeSpan.FromSeconds(1), CancellationToken.None));

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
            "process", MediaCommands.Transcode(media.Long, output, new TranscodeSpec("webm", null, null, null, false)), TimeSpan.FromMinutes(5), cancel.Token);

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
            "process", MediaCommands.Transcode(media.Long, output, new TranscodeSpec("webm", null, null, null, false)), TimeSpan.FromMinutes(5), cancel.Token));

        Assert.Empty(LocalMachine.ProcessesMentioning(output));
    }

    [Fact]
    public async Task A_failing_run_reports_what_ffmpeg_said()
    {
        var media = await TestMedia.GetAsync();

        var error = await Assert.ThrowsAsync<FFmpegFailedException>(() => Runner.RunAsync(
            "trim", MediaCommands.Cut(media.Truncated, Path.Combine(_directory, "x.mp4"), "mp4", new CutSpec(0, 1, CutMode.Copy)),
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
            "process", MediaCommands.Transcode(media.Long, output, new TranscodeSpec("webm", null, null, null, false)), TimeSpan.FromMinutes(5), cancel.Token));
        caller.Start();
        caller.Join();

        var ffmpeg = await WaitForAsync(() => LocalMachine.FFmpegProcessesMentioning(output).Count > 0);
        Assert.True(ffmpeg, "ffmpeg did not start");
        await Task.Delay(TimeSpan.FromSeconds(1));

        Assert.False(run!.IsCompleted, $"the run ended when its caller's thread did: {run.Exception?.InnerException?.Message}");
        Assert.NotEmpty(LocalMachine.FFmpegProcessesMentioning(output));
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
    }

    private static async Task<bool> WaitForAsync(Func<bool> condition)
    {
        for (var attempt = 0; attempt < 100 && !condition(); attempt++)
        {
            await Task.Delay(50);
        }

        return condition();
    }

    public void Dispose()
    {
        _services.Dispose();
        Directory.Delete(_directory, recursive: true);
    }
}
