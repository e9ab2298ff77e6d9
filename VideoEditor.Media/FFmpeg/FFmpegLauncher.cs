using System.Collections.Concurrent;
using System.Runtime.Versioning;
using FFMpegCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace VideoEditor.Media.FFmpeg;

/// <summary>
/// Starts ffmpeg and ffprobe so that they die with this process, even when it is killed with SIGKILL: a killed
/// worker must not leave an ffmpeg writing on. On Linux every program is started through
/// <c>setpriv --pdeathsig KILL</c>, which asks the kernel to kill it when the thread that started it ends. That
/// ties it to a thread, not to the process, so every start happens on one thread that lives as long as the
/// process: a thread-pool thread may retire while its ffmpeg still runs, and would take it along. Without
/// setpriv (not Linux) the programs start directly, and a warning says so once.
/// They start with an empty environment but for <c>PATH</c> (through <c>env -i</c>): nothing of the service's own
/// settings, such as the API key or the Redis connection string with its password, reaches a program that reads
/// untrusted files.
/// </summary>
public sealed partial class FFmpegLauncher : IDisposable
{
    private readonly BlockingCollection<Action> _starts = [];
    private readonly string? _wrapperFolder;

    public FFmpegLauncher(IOptions<FFmpegOptions> options, ILogger<FFmpegLauncher> logger)
    {
        var binaryFolder = options.Value.BinaryFolder;
        if (!OperatingSystem.IsLinux() || FindOnPath("setpriv") is not { } setpriv || FindOnPath("env") is not { } env)
        {
            LogNotTied(logger);
            FFOptions = new FFOptions { BinaryFolder = binaryFolder };
            return;
        }

        _wrapperFolder = Directory.CreateTempSubdirectory("video-editor-ffmpeg-").FullName;
        foreach (var program in (string[])["ffmpeg", "ffprobe"])
        {
            WriteWrapper(Path.Combine(_wrapperFolder, program), env, setpriv, binaryFolder.Length == 0 ? program : Path.Combine(binaryFolder, program));
        }

        FFOptions = new FFOptions { BinaryFolder = _wrapperFolder };
        new Thread(StartAll) { IsBackground = true, Name = "ffmpeg launcher" }.Start();
    }

    /// <summary>What FFMpegCore is given: the folder of the programs it starts.</summary>
    public FFOptions FFOptions { get; }

    /// <summary>The path that starts <paramref name="program"/> (ffmpeg, ffprobe) as FFMpegCore starts it.</summary>
    public string PathOf(string program) => FFOptions.BinaryFolder.Length == 0 ? program : Path.Combine(FFOptions.BinaryFolder, program);

    /// <summary>Whether a started program dies with this process.</summary>
    public bool TiesToProcess => _wrapperFolder is not null;

    /// <summary>
    /// Calls <paramref name="start"/> on the launcher thread. It must start its process before its first await,
    /// as FFMpegCore's <c>ProcessAsynchronously</c> and <see cref="CapturedRun"/> do.
    /// </summary>
    public Task<T> StartAsync<T>(Func<Task<T>> start)
    {
        if (!TiesToProcess)
        {
            return start();
        }

        var started = new TaskCompletionSource<Task<T>>(TaskCreationOptions.RunContinuationsAsynchronously);
        _starts.Add(() =>
        {
            try
            {
                started.SetResult(start());
            }
            catch (Exception exception)
            {
                started.SetException(exception);
            }
        });
        return started.Task.Unwrap();
    }

    public void Dispose()
    {
        _starts.CompleteAdding();
        if (_wrapperFolder is not null)
        {
            Directory.Delete(_wrapperFolder, recursive: true);
        }
    }

    private void StartAll()
    {
        foreach (var start in _starts.GetConsumingEnumerable())
        {
            start();
        }
    }

    [SupportedOSPlatform("linux")]
    private static void WriteWrapper(string path, string env, string setpriv, string program)
    {
        File.WriteAllText(path, $"""
            #!/bin/sh
            # Written by VideoEditor at start: {Path.GetFileName(program)} starts with no environment but PATH, and the kernel
            # kills it when the service that started it ends.
            exec {Quote(env)} -i PATH="$PATH" {Quote(setpriv)} --pdeathsig KILL -- {Quote(program)} "$@"

            """);
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    private static string Quote(string value) => $"'{value.Replace("'", @"'\''", StringComparison.Ordinal)}'";

    private static string? FindOnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(folder => Path.Combine(folder, program))
            .FirstOrDefault(File.Exists);

    [LoggerMessage(Level = LogLevel.Warning, Message = "setpriv or env was not found: ffmpeg runs are not tied to this process (they may outlive it if it is killed) and inherit its environment")]
    private static partial void LogNotTied(ILogger logger);
}
