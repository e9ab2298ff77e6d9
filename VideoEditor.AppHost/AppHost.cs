using VideoEditor.AppHost;
using VideoEditor.AppHost.Monitoring;
using VideoEditor.AppHost.Stack;

var builder = DistributedApplication.CreateBuilder(args);

StackInfrastructure infrastructure;
try
{
    infrastructure = StackInfrastructure.Choose(builder);
}
catch (StackSetupException exception)
{
    Console.Error.WriteLine(exception.Message);
    return 1;
}

// The api and the worker share one folder of videos: the run's own, or a volume in a deployment.
var media = builder.ExecutionContext.IsPublishMode ? DeploymentExtensions.MediaMount : infrastructure.Settings.DataFolder("media");

// Two Redis, so that thumbnails filling the cache can never evict or refuse a job (VideoEditor.AppHost/Redis/RedisRoles.cs).
var cache = infrastructure.AddCache("cache");
var queue = infrastructure.AddQueue("queue");
var mail = infrastructure.AddMailCatcher("mail");
var alerting = AlertingParameters.Add(builder);
var alertmanager = infrastructure.AddAlertmanager("alertmanager", mail, alerting);

// Without a key the API is open, as fits a developer's machine; a deployment must be given one.
var apiKey = builder.ExecutionContext.IsPublishMode
    ? builder.AddParameter("api-key", secret: true)
    : builder.AddOptionalParameter("api-key", "", secret: true);

var api = builder.AddProject<Projects.VideoEditor_Api>("api", launchProfileName: null)
    .WithHttpEndpoint(name: StackInfrastructure.HttpEndpoint)
    .WithExternalHttpEndpoints()
    .WithApiReferenceLink(StackInfrastructure.HttpEndpoint)
    .WithReference(cache)
    .WaitFor(cache)
    .WithReference(queue)
    .WaitFor(queue)
    .WithEnvironment("Storage__DataDirectory", media)
    .WithEnvironment("Security__ApiKey", apiKey)
    // A 4 MB young generation (hex; environment only) instead of one sized to the CPU's cache: it keeps the api inside
    // its 200 MB memory budget under load at the cost of more, smaller collections (docs/performance.md).
    .WithEnvironment("DOTNET_GCgen0size", "0x400000")
    .WithHttpHealthCheck("/health")
    .WithManagementPortWhenPublished(builder)
    .PublishAsVideoService(infrastructure.Files, "VideoEditor.Api");

var worker = builder.AddProject<Projects.VideoEditor_Worker>("worker", launchProfileName: null)
    .WithHttpEndpoint(name: StackInfrastructure.HttpEndpoint)
    // Jobs only: thumbnails, and forgetting them with their video, are the api's.
    .WithReference(queue)
    .WaitFor(queue)
    .WithEnvironment("Storage__DataDirectory", media)
    .WithHttpHealthCheck("/health")
    .PublishAsVideoService(infrastructure.Files, "VideoEditor.Worker");

// Where the alerts' runbook links point: this checkout's docs/runbooks.md when run here; a deployment names where its
// team reads them (e.g. the repository's web page of the file).
var runbooks = builder.ExecutionContext.IsPublishMode
    ? builder.AddParameter("runbook-url")
    : builder.AddOptionalParameter("runbook-url", new Uri(infrastructure.Files.Runbooks).AbsoluteUri, secret: false);
var prometheus = infrastructure.AddPrometheus("prometheus", alertmanager, runbooks, api, worker);
infrastructure.AddGrafana("grafana", prometheus);

builder.Build().Run();
return 0;
