using VideoEditor.AppHost.Stack;

namespace VideoEditor.Tests.Containers;

/// <summary>
/// Whether container mode can run here: an engine answers and every image the stack needs is on the machine or can be
/// pulled (as the AppHost decides it). Asked once per test run; the container tests are skipped, with the reason, where not.
/// </summary>
public static class ContainerSuite
{
    private static readonly Lazy<(ContainerEngine? Engine, ImageChoice? Images)> Found = new(() =>
    {
        var engine = ContainerEngine.FindAnswering(ContainerEngine.DefaultTimeout);
        return engine is null
            ? (null, null)
            : (engine, StackImages.Choose(StackImages.Pinned, engine));
    });

    public static ContainerEngine? Engine => Found.Value.Engine;

    /// <summary>The images the AppHost runs here (with the default settings).</summary>
    public static ImageChoice? Images => Found.Value.Images;

    public static string? SkipReason => Found.Value switch
    {
        (null, _) => $"no container engine answers ({string.Join(", ", ContainerEngine.Runtimes)}); ./test.sh sets one up when run as root",
        (_, { } images) when images.MissingRequired.Any() =>
            $"images missing: {string.Join("; ", images.MissingRequired.Select(image => images.Unavailable[image]))}",
        _ => null,
    };

    public static string? GrafanaSkipReason =>
        SkipReason ?? (Found.Value.Images!.Unavailable.TryGetValue(StackImage.Grafana, out var reason) ? $"no Grafana image: {reason}" : null);
}

/// <summary>A test that needs container mode; skipped with <see cref="ContainerSuite.SkipReason"/> where it can't run.</summary>
public sealed class ContainerFactAttribute : FactAttribute
{
    public ContainerFactAttribute() => Skip = ContainerSuite.SkipReason;
}

/// <inheritdoc cref="ContainerFactAttribute"/>
public sealed class ContainerTheoryAttribute : TheoryAttribute
{
    public ContainerTheoryAttribute() => Skip = ContainerSuite.SkipReason;
}

/// <summary>A test of Grafana in container mode: skipped where no Grafana image can be had (it has no Debian package).</summary>
public sealed class GrafanaFactAttribute : FactAttribute
{
    public GrafanaFactAttribute() => Skip = ContainerSuite.GrafanaSkipReason;
}
