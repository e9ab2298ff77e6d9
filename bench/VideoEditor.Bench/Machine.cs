using System.Runtime.InteropServices;
using VideoEditor.Tests.Support;

namespace VideoEditor.Bench;

/// <summary>What the figures were measured on: they only compare within one run on one machine.</summary>
public sealed record Machine(int Cores, string Cpu, double MemoryGiB, string OperatingSystem, string DotnetSdk, string Runtime, string FFmpeg, string Wrk, string Commit)
{
    public static async Task<Machine> DescribeAsync(CancellationToken cancellationToken)
    {
        // The first line of a tool's version output, without its copyright notice.
        static string FirstLine(string text) =>
            (text.Split('\n', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? "").Split(" Copyright")[0].Trim();
        static string Field(string file, string name, char separator) =>
            File.ReadLines(file).FirstOrDefault(line => line.StartsWith(name, StringComparison.Ordinal))?.Split(separator, 2)[1].Trim().Trim('"') ?? "unknown";
        async Task<string> Output(string program, params string[] arguments)
        {
            var result = await ExternalCommand.RunAsync(program, arguments, cancellationToken: cancellationToken);
            return FirstLine(result.Output + "\n" + result.Error);
        }

        var memoryKiB = double.Parse(Field("/proc/meminfo", "MemTotal", ':').Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
        var commit = await Output("git", "rev-parse", "--short", "HEAD");
        // The run itself rewrites its outputs: they do not make the code measured differ from the commit.
        var dirty = (await ExternalCommand.RunAsync("git", ["status", "--porcelain", "--untracked-files=no", "--", ".", ":!bench/results", ":!BENCHMARKS.md"],
            cancellationToken: cancellationToken)).Output.Length > 0;
        return new Machine(
            Environment.ProcessorCount,
            Field("/proc/cpuinfo", "model name", ':'),
            memoryKiB / 1024 / 1024,
            Field("/etc/os-release", "PRETTY_NAME", '='),
            await Output("dotnet", "--version"),
            RuntimeInformation.FrameworkDescription,
            await Output("ffmpeg", "-hide_banner", "-version"),
            await Output("wrk", "-v"),
            dirty ? $"{commit} (with uncommitted changes)" : commit);
    }
}
