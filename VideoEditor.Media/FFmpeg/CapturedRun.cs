using System.Diagnostics;

namespace VideoEditor.Media.FFmpeg;

/// <summary>
/// Runs a program to its end and returns what it printed, held in a <see cref="CappedBuffer"/>: past the cap, or on
/// cancel, the program is killed at once. Of its standard error only the last lines are kept, for the log.
/// </summary>
internal static class CapturedRun
{
    /// <summary>Starts the program before its first await, as <see cref="FFmpegLauncher.StartAsync{T}"/> needs.</summary>
    public static async Task<byte[]> RunAsync(
        string operation, string program, IReadOnlyList<string> arguments, long outputCap, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new FFmpegFailedException(operation, $"{program} did not start");
        using var output = new CappedBuffer(outputCap);
        var errors = LastLinesAsync(process.StandardError);
        try
        {
            await process.StandardOutput.BaseStream.CopyToAsync(output, cancellationToken);
            await process.WaitForExitAsync(cancellationToken);
        }
        catch
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        var lastErrors = await errors;
        return process.ExitCode == 0
            ? output.ToArray()
            : throw new FFmpegFailedException(operation, lastErrors.Describe(none: $"exit code {process.ExitCode}"));
    }

    private static async Task<LastLines> LastLinesAsync(StreamReader errors)
    {
        var lines = new LastLines();
        while (await errors.ReadLineAsync() is { } line)
        {
            lines.Add(line);
        }

        return lines;
    }
}
