using System.Diagnostics;

namespace VideoEditor.AppHost.Stack;

/// <summary>Asks a container runtime's CLI whether its engine answers, within a short timeout.</summary>
public static class ContainerRuntimeProbe
{
    public static readonly string[] Runtimes = ["docker", "podman"];

    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(5);

    /// <summary>The first runtime whose engine reports a server version, or null when none does.</summary>
    public static string? FindAnsweringRuntime(TimeSpan timeout) =>
        Runtimes.FirstOrDefault(runtime => Answers(runtime, timeout));

    /// <summary>True when <c>{runtime} info</c> prints a server version before the timeout.</summary>
    public static bool Answers(string runtime, TimeSpan timeout)
    {
        if (ExecutableSearch.Find(runtime) is not { } path)
        {
            return false;
        }

        var start = new ProcessStartInfo(path)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("info");
        start.ArgumentList.Add("--format");
        start.ArgumentList.Add(runtime == "podman" ? "{{.Version.Version}}" : "{{.ServerVersion}}");

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

            return process.ExitCode == 0 && !string.IsNullOrWhiteSpace(output.Result);
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }
}
