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

    /// <summary>A TCP port on the loopback that nothing listens on now.</summary>
    public static int FreeTcpPort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

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
