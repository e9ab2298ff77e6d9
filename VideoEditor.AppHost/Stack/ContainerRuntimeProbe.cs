using System.ComponentModel;
using System.Diagnostics;

namespace VideoEditor.AppHost.Stack;

/// <summary>Asks a container runtime's CLI whether its engine answers, within a short timeout.</summary>
public static class ContainerRuntimeProbe
{
    public static readonly string[] Runtimes = ["docker", "podman"];

    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(5);

    /// <summary>The first runtime on PATH whose engine reports a server version, or null when none does.</summary>
    public static string? FindAnsweringRuntime(TimeSpan timeout) =>
        Runtimes.FirstOrDefault(runtime => ExecutableSearch.Find(runtime) is { } cli && Answers(cli, timeout));

    /// <summary>
    /// True when <c>{cli} info</c> prints a server version before the timeout. A docker client without an engine
    /// fails at once; a hung engine is cut off by the timeout.
    /// </summary>
    public static bool Answers(string cli, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(cli)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("info");
        start.ArgumentList.Add("--format");
        start.ArgumentList.Add(Path.GetFileName(cli) == "podman" ? "{{.Version.Version}}" : "{{.ServerVersion}}");

        try
        {
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            _ = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(timeout))
            {
                process.Kill(entireProcessTree: true);
                return false;
            }

            // A child that inherited the pipe could keep it open after the CLI exited: bound that wait too.
            return process.ExitCode == 0 && output.Wait(timeout) && !string.IsNullOrWhiteSpace(output.Result);
        }
        catch (Win32Exception)
        {
            return false;
        }
    }
}
