using Microsoft.Extensions.Hosting;

namespace VideoEditor.AppHost;

/// <summary>
/// The api's API reference, opened from the dashboard. A project the AppHost starts without a launch profile is given
/// no environment and would run as Production, without the page; run by the AppHost, the api runs in the AppHost's
/// environment instead (Development on a developer's machine, from its launch profile), and there the dashboard's
/// link to the api opens the page. A deployment sets neither: the api runs as Production, without it.
/// </summary>
public static class ApiReferenceLink
{
    /// <summary>Where the api serves the page (VideoEditor.Api/Reference/ApiReference.cs; a test holds the two together).</summary>
    public const string Path = "/scalar";

    public static IResourceBuilder<ProjectResource> WithApiReferenceLink(this IResourceBuilder<ProjectResource> api, string endpointName)
    {
        var builder = api.ApplicationBuilder;
        if (!builder.ExecutionContext.IsRunMode)
        {
            return api;
        }

        api.WithEnvironment("ASPNETCORE_ENVIRONMENT", builder.Environment.EnvironmentName);
        return builder.Environment.IsDevelopment()
            ? api.WithUrlForEndpoint(endpointName, url =>
            {
                url.Url = Path;
                url.DisplayText = "API reference";
            })
            : api;
    }
}
