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

// The api and the worker share one folder of videos; each run has its own.
var media = infrastructure.Settings.DataFolder("media");

var cache = infrastructure.AddCache("cache");
var mail = infrastructure.AddMailCatcher("mail");
var alerting = AlertingParameters.Add(builder);
var alertmanager = infrastructure.AddAlertmanager("alertmanager", mail, alerting);

var api = builder.AddProject<Projects.VideoEditor_Api>("api", launchProfileName: null)
    .WithHttpEndpoint(name: StackInfrastructure.HttpEndpoint)
    .WithExternalHttpEndpoints()
    .WithReference(cache)
    .WaitFor(cache)
    .WithEnvironment("Storage__DataDirectory", media)
    .WithHttpHealthCheck("/health");

var worker = builder.AddProject<Projects.VideoEditor_Worker>("worker", launchProfileName: null)
    .WithHttpEndpoint(name: StackInfrastructure.HttpEndpoint)
    .WithReference(cache)
    .WaitFor(cache)
    .WithEnvironment("Storage__DataDirectory", media)
    .WithHttpHealthCheck("/health");

var prometheus = infrastructure.AddPrometheus("prometheus", alertmanager, api, worker);
infrastructure.AddGrafana("grafana", prometheus);

builder.Build().Run();
return 0;
