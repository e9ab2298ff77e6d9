using VideoEditor.AppHost.Monitoring;

namespace VideoEditor.AppHost.Stack;

/// <summary>How the services are described for a deployment (azd, Azure Container Apps) when the AppHost publishes.</summary>
public static class DeploymentExtensions
{
    /// <summary>Where the shared video folder is mounted in the api and worker containers.</summary>
    public const string MediaMount = "/data/media";

    /// <summary>The internal port of /metrics, /health and /alive in a deployment: only the service's port is public.</summary>
    public const int ManagementPort = 8081;

    public const string ManagementEndpoint = "management";

    /// <summary>
    /// In a deployment, serves /metrics, /health and /alive on an internal port of their own, so that the public
    /// port answers /api only (ServiceDefaults reads Management:Port).
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithManagementPortWhenPublished(this IResourceBuilder<ProjectResource> service, IDistributedApplicationBuilder builder) =>
        builder.ExecutionContext.IsPublishMode
            ? service
                .WithHttpEndpoint(targetPort: ManagementPort, name: ManagementEndpoint)
                .WithEnvironment("Management__Port", ManagementPort.ToString(System.Globalization.CultureInfo.InvariantCulture))
            : service;

    /// <summary>Ratio of requests traced in a deployment (OTLP export costs every request; development traces all).</summary>
    public const string TraceSampleRatio = "0.1";

    /// <summary>
    /// In a deployment, traces one request in ten (<c>parentbased_traceidratio</c>: a request whose caller sampled it
    /// stays traced). In development every request is traced, for the dashboard; BENCHMARKS.md measures both costs.
    /// </summary>
    private static IResourceBuilder<ProjectResource> WithTraceSamplingWhenPublished(this IResourceBuilder<ProjectResource> service) =>
        service.ApplicationBuilder.ExecutionContext.IsPublishMode
            ? service
                .WithEnvironment("OTEL_TRACES_SAMPLER", "parentbased_traceidratio")
                .WithEnvironment("OTEL_TRACES_SAMPLER_ARG", TraceSampleRatio)
            : service;

    /// <summary>
    /// Builds the service with the repository's Dockerfile (the .NET runtime plus ffmpeg, non-root; PROJECT picks
    /// the project), and mounts the volume of videos the api and the worker share.
    /// </summary>
    public static IResourceBuilder<ProjectResource> PublishAsVideoService(
        this IResourceBuilder<ProjectResource> service, MonitoringFiles files, string project) =>
        service.WithTraceSamplingWhenPublished().PublishAsDockerFile(container => container
            .WithAnnotation(
                new DockerfileBuildAnnotation(files.RepositoryRoot, Path.Combine(files.RepositoryRoot, "Dockerfile"), stage: null),
                ResourceAnnotationMutationBehavior.Replace)
            .WithBuildArg("PROJECT", project)
            .WithVolume("video-editor-media", MediaMount));
}
