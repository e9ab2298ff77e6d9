namespace VideoEditor.AppHost.Stack;

public static class OptionalParameters
{
    /// <summary>
    /// A parameter read from <c>Parameters:{name}</c> (user secrets, environment, command line) that falls back
    /// to <paramref name="fallback"/> when it is not set, so a local run needs no answer for it.
    /// </summary>
    public static IResourceBuilder<ParameterResource> AddOptionalParameter(
        this IDistributedApplicationBuilder builder, string name, string fallback, bool secret) =>
        builder.AddParameter(name, () => builder.Configuration[$"Parameters:{name}"] ?? fallback, publishValueAsDefault: false, secret: secret);
}
