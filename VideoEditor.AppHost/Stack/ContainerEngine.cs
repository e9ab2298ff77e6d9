using System.ComponentModel;
using System.Diagnostics;
using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;

namespace VideoEditor.AppHost.Stack;

/// <summary>A container engine that answered through its CLI (docker or podman), and what it holds.</summary>
/// <param name="Runtime">The runtime's name as Aspire knows it: <c>docker</c> or <c>podman</c>.</param>
/// <param name="Cli">The CLI's path.</param>
/// <param name="OperatingSystem">What the engine reports it runs on, e.g. "Debian GNU/Linux 12" or "Docker Desktop".</param>
public sealed record ContainerEngine(string Runtime, string Cli, string OperatingSystem)
{
    public static readonly string[] Runtimes = ["docker", "podman"];

    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Docker Desktop (and Podman's machine on macOS and Windows) forward the host's loopback to containers; an engine
    /// on this Linux kernel reaches the host only through a bridge address.
    /// </summary>
    public bool ReachesHostLoopback => OperatingSystem.Contains("Docker Desktop", StringComparison.OrdinalIgnoreCase) || !System.OperatingSystem.IsLinux();

    /// <summary>How a container names the host, with Aspire's container tunnel off.</summary>
    public string HostName => Runtime == "podman" ? "host.containers.internal" : "host.docker.internal";

    /// <summary>
    /// The host's address for containers of an engine on this Linux kernel: the IPv4 address of its default route
    /// (else of any interface up), or null. Not the engine's bridge gateway: Aspire's proxies, asked to listen
    /// everywhere, bind each address the host has when they start, before the session's network (and its gateway) exists.
    /// </summary>
    public static IPAddress? HostAddress() =>
        NetworkInterface.GetAllNetworkInterfaces()
            .Where(adapter => adapter.OperationalStatus != OperationalStatus.Down && adapter.NetworkInterfaceType != NetworkInterfaceType.Loopback)
            .Select(adapter => adapter.GetIPProperties())
            .OrderByDescending(properties => properties.GatewayAddresses.Any(gateway => gateway.Address.AddressFamily == AddressFamily.InterNetwork))
            .SelectMany(properties => properties.UnicastAddresses.Select(unicast => unicast.Address))
            .FirstOrDefault(address => address.AddressFamily == AddressFamily.InterNetwork && !IPAddress.IsLoopback(address));

    /// <summary>The first runtime on PATH whose engine answers, or null when none does.</summary>
    public static ContainerEngine? FindAnswering(TimeSpan timeout) =>
        Runtimes.Select(runtime => ExecutableSearch.Find(runtime) is { } cli ? Ask(cli, timeout) : null).FirstOrDefault(engine => engine is not null);

    /// <summary>
    /// The engine behind <paramref name="cli"/> when <c>{cli} info</c> reports a server version before the timeout, or
    /// null. A docker client without an engine fails at once; a hung engine is cut off by the timeout.
    /// </summary>
    public static ContainerEngine? Ask(string cli, TimeSpan timeout)
    {
        var runtime = Path.GetFileName(cli);
        var format = runtime == "podman" ? "{{.Version.Version}}|{{.Host.Distribution.Distribution}}" : "{{.ServerVersion}}|{{.OperatingSystem}}";
        var output = Run(cli, ["info", "--format", format], timeout);
        var parts = output?.Trim().Split('|', 2);
        return parts is [{ Length: > 0 } version, var system] && !string.IsNullOrWhiteSpace(version)
            ? new ContainerEngine(runtime, cli, system)
            : null;
    }

    /// <summary>The images the engine holds, as references normalised by <see cref="ContainerImage.Normalize"/>.</summary>
    public IReadOnlySet<string> LocalImages(TimeSpan timeout) =>
        (Run(Cli, ["images", "--format", "{{.Repository}}:{{.Tag}}"], timeout) ?? "")
            .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(ContainerImage.Normalize)
            .ToHashSet(StringComparer.Ordinal);

    /// <summary>The standard output of a command that exited with 0 before the timeout, or null.</summary>
    private static string? Run(string cli, IEnumerable<string> arguments, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(cli)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        try
        {
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            _ = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(timeout))
            {
                process.Kill(entireProcessTree: true);
                return null;
            }

            // A child that inherited the pipe could keep it open after the CLI exited: bound that wait too.
            return process.ExitCode == 0 && output.Wait(timeout) ? output.Result : null;
        }
        catch (Win32Exception)
        {
            return null;
        }
    }
}
