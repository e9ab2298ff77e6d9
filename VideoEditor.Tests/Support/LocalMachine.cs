using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace VideoEditor.Tests.Support;

/// <summary>What the tests look up on this machine: running processes and free ports.</summary>
public static class LocalMachine
{
    /// <summary>The processes whose command line contains <paramref name="text"/>, with their command lines (arguments separated by NUL).</summary>
    public static List<(int Pid, string CommandLine)> ProcessesMentioning(string text) =>
        Directory.EnumerateDirectories("/proc")
            .Where(directory => int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out _))
            .Select(directory => (Pid: int.Parse(Path.GetFileName(directory), CultureInfo.InvariantCulture), CommandLine: ReadCommandLine(directory)))
            .Where(process => process.CommandLine.Contains(text, StringComparison.Ordinal))
            .ToList();

    /// <summary>The ffmpeg processes whose command line contains <paramref name="text"/> (a video id, an output path).</summary>
    public static List<int> FFmpegProcessesMentioning(string text) =>
        ProcessesMentioning(text)
            .Where(process => process.CommandLine.StartsWith("ffmpeg", StringComparison.Ordinal) || process.CommandLine.Contains("/ffmpeg\0", StringComparison.Ordinal))
            .Select(process => process.Pid)
            .ToList();

    /// <summary>
    /// The process of a service the orchestrator started with <c>dotnet run</c> (<paramref name="launcherPid"/>): its
    /// child whose command line names <paramref name="program"/>.
    /// </summary>
    public static int ServiceProcess(int launcherPid, string program) =>
        ProcessesMentioning(program).Single(process => ParentOf(process.Pid) == launcherPid).Pid;

    /// <summary>A TCP port on the loopback that nothing listens on now.</summary>
    public static int FreeTcpPort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    /// <summary>
    /// The fields of <c>/proc/{pid}/stat</c> after the process name ("pid (name) state ppid …": the name may hold
    /// spaces and parentheses), so <c>[0]</c> is the state, <c>[1]</c> the parent; null when the process is gone.
    /// </summary>
    public static string[]? StatFields(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>A process's resident memory now (VmRSS) and its peak since it started (VmHWM), in bytes, from <c>/proc/{pid}/status</c>.</summary>
    public static (long RssBytes, long PeakRssBytes) Memory(int pid)
    {
        var lines = File.ReadAllLines($"/proc/{pid}/status");
        long Bytes(string name) =>
            long.Parse(lines.Single(line => line.StartsWith(name + ":", StringComparison.Ordinal))[(name.Length + 1)..].Trim().Split(' ')[0],
                CultureInfo.InvariantCulture) * 1024;
        return (Bytes("VmRSS"), Bytes("VmHWM"));
    }

    /// <summary>The process and its ancestors, nearest first.</summary>
    public static IEnumerable<int> SelfAndAncestors(int pid)
    {
        for (int? current = pid; current is > 1; current = ParentOf(current.Value))
        {
            yield return current.Value;
        }
    }

    private static int? ParentOf(int pid) =>
        StatFields(pid) is { } fields ? int.Parse(fields[1], CultureInfo.InvariantCulture) : null;

    private static string ReadCommandLine(string processDirectory)
    {
        try
        {
            return File.ReadAllText(Path.Combine(processDirectory, "cmdline"));
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // The process ended while we looked.
            return "";
        }
    }
}
