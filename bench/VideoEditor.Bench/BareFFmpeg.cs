using System.Diagnostics;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using VideoEditor.Media.FFmpeg;
using VideoEditor.Media.Videos;
using VideoEditor.Tests.Support;

namespace VideoEditor.Bench;

/// <summary>
/// The floor of an uncached thumbnail: the very command line the api runs (taken from
/// <see cref="MediaCommands.Thumbnail"/>, so it cannot drift), started as a bare process that writes to stdout.
/// </summary>
public static partial class BareFFmpeg
{
    public static string ThumbnailArguments(string input, ThumbnailSpec spec)
    {
        // FFMpegCore names a pipe of its own as the output; the bare command writes to stdout instead. The api's
        // commands with their default limits, as the benchmark's api runs them.
        var commands = new MediaCommands(Options.Create(new FFmpegOptions()), Options.Create(new VideoLimits()));
        var arguments = commands.Thumbnail(input, spec, Stream.Null).Arguments;
        var replaced = PipeOutput().Replace(arguments, "pipe:1");
        return replaced != arguments ? replaced : throw new InvalidOperationException($"No pipe output found in: {arguments}");
    }

    public static async Task<TimeSpan> RunThumbnailAsync(string input, ThumbnailSpec spec, CancellationToken cancellationToken)
    {
        var arguments = Words().Matches(ThumbnailArguments(input, spec)).Select(word => word.Groups[1].Success ? word.Groups[1].Value : word.Value);
        var stopwatch = Stopwatch.StartNew();
        var result = await ExternalCommand.RunAsync("ffmpeg", arguments, timeout: TimeSpan.FromMinutes(1), cancellationToken: cancellationToken);
        stopwatch.Stop();
        return result.ExitCode == 0 && result.Output.Length > 0
            ? stopwatch.Elapsed
            : throw new InvalidOperationException($"The bare ffmpeg thumbnail failed ({result.ExitCode}): {result.Error}");
    }

    [GeneratedRegex("\"[^\"]*FFMpegCore_[^\"]*\"")]
    private static partial Regex PipeOutput();

    /// <summary>Command-line words: quoted (without the quotes) or bare.</summary>
    [GeneratedRegex("\"([^\"]*)\"|\\S+")]
    private static partial Regex Words();
}
