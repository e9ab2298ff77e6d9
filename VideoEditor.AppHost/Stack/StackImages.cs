using System.Net;
using System.Net.Sockets;

namespace VideoEditor.AppHost.Stack;

/// <summary>The images of container mode, each set by <c>Stack:Images:{name}</c>.</summary>
public enum StackImage
{
    Redis,
    Prometheus,
    Alertmanager,
    MailCatcher,
    Grafana,
}

/// <summary>The images container mode runs, and which of them this machine can have.</summary>
/// <param name="Images">The image each service runs.</param>
/// <param name="Notes">One line for each image that is not the configured one, and why.</param>
/// <param name="Unavailable">The images that can't be had here, each with the reason.</param>
public sealed record ImageChoice(
    IReadOnlyDictionary<StackImage, ContainerImage> Images,
    IReadOnlyList<string> Notes,
    IReadOnlyDictionary<StackImage, string> Unavailable)
{
    /// <summary>Grafana is the only image the stack can run without; every other one is required.</summary>
    public IEnumerable<StackImage> MissingRequired => Unavailable.Keys.Where(image => image != StackImage.Grafana);
}

public static class StackImages
{
    /// <summary>The official images, pinned. What a machine that can pull runs.</summary>
    public static readonly IReadOnlyDictionary<StackImage, ContainerImage> Pinned = new Dictionary<StackImage, ContainerImage>
    {
        [StackImage.Redis] = ContainerImage.Parse("docker.io/library/redis:8.6"),
        [StackImage.Prometheus] = ContainerImage.Parse("docker.io/prom/prometheus:v3.5.0"),
        [StackImage.Alertmanager] = ContainerImage.Parse("docker.io/prom/alertmanager:v0.28.1"),
        [StackImage.MailCatcher] = ContainerImage.Parse("docker.io/rnwood/smtp4dev:3.15.0"),
        [StackImage.Grafana] = ContainerImage.Parse("docker.io/grafana/grafana:12.1.1"),
    };

    /// <summary>
    /// Images with the official ones' interface, built from Debian packages by <c>scripts/container-engine.sh</c> for
    /// machines that can't pull (local names: never an official name). Grafana has no Debian package, so no stand-in.
    /// </summary>
    public static readonly IReadOnlyDictionary<StackImage, ContainerImage> StandIns = new Dictionary<StackImage, ContainerImage>
    {
        [StackImage.Redis] = ContainerImage.Parse("localhost/video-editor/redis-stand-in:bookworm"),
        [StackImage.Prometheus] = ContainerImage.Parse("localhost/video-editor/prometheus-stand-in:bookworm"),
        [StackImage.Alertmanager] = ContainerImage.Parse("localhost/video-editor/alertmanager-stand-in:bookworm"),
        [StackImage.MailCatcher] = ContainerImage.Parse("localhost/video-editor/smtp4dev-stand-in:bookworm"),
    };

    public const string StandInScript = "scripts/container-engine.sh";

    /// <summary>
    /// <see cref="Choose(IReadOnlyDictionary{StackImage, ContainerImage}, IReadOnlySet{string}, Func{string, bool})"/> on
    /// a running engine: what it holds, and whether each registry's name resolves (asked once per registry).
    /// </summary>
    public static ImageChoice Choose(IReadOnlyDictionary<StackImage, ContainerImage> configured, ContainerEngine engine)
    {
        var resolved = new Dictionary<string, bool>(StringComparer.OrdinalIgnoreCase);
        return Choose(
            configured,
            engine.LocalImages(ContainerEngine.DefaultTimeout),
            host => resolved.TryGetValue(host, out var answer) ? answer : resolved[host] = Resolves(host, ContainerEngine.DefaultTimeout));
    }

    /// <summary>
    /// For each image: the configured one when the engine holds it or its registry resolves; otherwise its stand-in
    /// when the engine holds that; otherwise unavailable (an engine asked for it would retry its pull forever).
    /// </summary>
    /// <param name="localImages">What the engine holds, normalised (<see cref="ContainerImage.Normalize"/>).</param>
    /// <param name="registryResolves">Whether a registry host's name resolves.</param>
    public static ImageChoice Choose(
        IReadOnlyDictionary<StackImage, ContainerImage> configured, IReadOnlySet<string> localImages, Func<string, bool> registryResolves)
    {
        var images = new Dictionary<StackImage, ContainerImage>();
        var notes = new List<string>();
        var unavailable = new Dictionary<StackImage, string>();
        foreach (var (name, image) in configured)
        {
            if (IsHeld(image))
            {
                images[name] = image;
                continue;
            }

            var whyNot = image.IsLocalOnly || image.RegistryHost is null
                ? $"{image} is not on this machine"
                : registryResolves(image.RegistryHost) ? null : $"{image} is not on this machine and {image.RegistryHost} does not resolve";
            if (whyNot is null)
            {
                images[name] = image;
            }
            else if (StandIns.TryGetValue(name, out var standIn) && IsHeld(standIn))
            {
                images[name] = standIn;
                notes.Add($"{name}: {whyNot}; using the stand-in {standIn}");
            }
            else
            {
                unavailable[name] = StandIns.ContainsKey(name) ? $"{whyNot}, nor is its stand-in (built by {StandInScript})" : whyNot;
            }
        }

        return new ImageChoice(images, notes, unavailable);

        bool IsHeld(ContainerImage image) => localImages.Contains(ContainerImage.Normalize(image.ToString()));
    }

    /// <summary>Whether a host name resolves within the timeout (a machine without a registry fails at once).</summary>
    public static bool Resolves(string host, TimeSpan timeout)
    {
        try
        {
            return Dns.GetHostAddressesAsync(host).Wait(timeout);
        }
        catch (AggregateException exception) when (exception.InnerException is SocketException)
        {
            return false;
        }
    }
}
