namespace VideoEditor.AppHost.Stack;

/// <summary>An image reference split as Aspire takes it: registry (or none, for a local name), repository and tag.</summary>
public sealed record ContainerImage(string? Registry, string Repository, string Tag)
{
    public const string DockerHub = "docker.io";

    /// <summary>The host that serves the registry's API (Docker Hub's is not its name).</summary>
    public string? RegistryHost => Registry == DockerHub ? "registry-1.docker.io" : Registry;

    /// <summary>A local name (<c>localhost/…</c>) is built on the machine, never pulled.</summary>
    public bool IsLocalOnly => Registry is "localhost" || Registry?.StartsWith("localhost:", StringComparison.Ordinal) == true;

    public override string ToString() => Registry is null ? $"{Repository}:{Tag}" : $"{Registry}/{Repository}:{Tag}";

    /// <summary>
    /// Parses <c>[registry/]repository:tag</c>. As with docker, the first part is a registry when it has a dot or a
    /// port or is <c>localhost</c>; otherwise the image is on Docker Hub. A tag is required: a stack runs pinned images.
    /// </summary>
    public static ContainerImage Parse(string reference)
    {
        var text = reference.Trim();
        var slash = text.LastIndexOf('/');
        var colon = text.LastIndexOf(':');
        if (colon <= slash || colon == text.Length - 1 || text.Contains('@', StringComparison.Ordinal))
        {
            throw new FormatException($"'{reference}' is not an image reference with a tag, e.g. docker.io/prom/prometheus:v3.5.0.");
        }

        var name = text[..colon];
        var tag = text[(colon + 1)..];
        var firstSlash = name.IndexOf('/');
        if (firstSlash > 0 && name[..firstSlash] is var first && (first.Contains('.') || first.Contains(':') || first == "localhost"))
        {
            return new ContainerImage(first, name[(firstSlash + 1)..], tag);
        }

        return new ContainerImage(DockerHub, firstSlash < 0 ? $"library/{name}" : name, tag);
    }

    /// <summary>One spelling for what docker and podman list differently: no <c>docker.io/</c>, no <c>library/</c>.</summary>
    public static string Normalize(string reference)
    {
        var text = reference.Trim();
        foreach (var prefix in new[] { "docker.io/", "library/" })
        {
            if (text.StartsWith(prefix, StringComparison.Ordinal))
            {
                text = text[prefix.Length..];
            }
        }

        return text;
    }
}
