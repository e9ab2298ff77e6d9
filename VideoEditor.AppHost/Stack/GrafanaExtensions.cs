namespace VideoEditor.AppHost.Stack;

internal static class GrafanaExtensions
{
    /// <summary>Anonymous admin access: a local development stack opens Grafana without a login.</summary>
    public static IResourceBuilder<T> WithGrafanaDevelopmentLogin<T>(this IResourceBuilder<T> grafana) where T : IResourceWithEnvironment =>
        grafana
            .WithEnvironment("GF_AUTH_ANONYMOUS_ENABLED", "true")
            .WithEnvironment("GF_AUTH_ANONYMOUS_ORG_ROLE", "Admin")
            .WithEnvironment("GF_AUTH_DISABLE_LOGIN_FORM", "true");
}
