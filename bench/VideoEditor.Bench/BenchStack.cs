using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using VideoEditor.Tests.Support;
using VideoEditor.AppHost.Stack;

namespace VideoEditor.Bench;

/// <summary>
/// The real AppHost in local mode under Aspire's testing builder, plus the floor app (bench/VideoEditor.Bench.Floor)
/// wired to the api's thumbnail cache Redis (<c>cache</c>), the one a cache hit reads. Everything runs from the Release build of this driver and is stopped on dispose.
/// </summary>
public sealed class BenchStack : IAsyncDisposable
{
    public const string ApiResource = "api";
    public const string WorkerResource = "worker";
    private const string FloorResource = "floor";
    private const string Http = "http";
    private const string ResourceLogs = "VideoEditor.AppHost.Resources";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(3);

    // Read whenever the api starts: the instrumentation-cost step switches it and restarts the api.
    private bool _telemetryEnabled = true;

    private BenchStack(string dataDirectory) => DataDirectory = dataDirectory;

    public DistributedApplication App { get; private set; } = null!;

    /// <summary>The run's folder: the queue's Redis, Prometheus and the uploaded videos.</summary>
    public string DataDirectory { get; }

    public Uri Api => App.GetEndpoint(ApiResource, Http);

    public Uri Floor => App.GetEndpoint(FloorResource, Http);

    /// <summary>The thumbnail cache Redis, which the floor reads too.</summary>
    public Task<string?> RedisConnectionStringAsync(CancellationToken cancellationToken) => App.GetConnectionStringAsync("cache", cancellationToken).AsTask();

    public static async Task<BenchStack> StartAsync(CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(StartTimeout);
        var stack = new BenchStack(Directory.CreateDirectory(
            Path.Combine(Path.GetTempPath(), "video-editor-bench", $"{DateTime.UtcNow:yyyyMMdd-HHmmss}-{Environment.ProcessId}")).FullName);

        // The dashboard stays on, as under ./run.sh: the services then export traces, logs and metrics by OTLP, which
        // is part of what telemetry costs. Free ports, so that it never clashes with a stack already running.
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.VideoEditor_AppHost>(
            [
                "Stack:Mode=local", $"Stack:DataDirectory={stack.DataDirectory}",
                // Its own Alertmanager state, not the user's: a stack run beside it keeps its silences to itself.
                $"Stack:StateDirectory={Path.Combine(stack.DataDirectory, "state")}",
                $"ASPNETCORE_URLS=http://127.0.0.1:{LocalMachine.FreeTcpPort()}",
                $"ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL=http://127.0.0.1:{LocalMachine.FreeTcpPort()}",
                $"ASPIRE_RESOURCE_SERVICE_ENDPOINT_URL=http://127.0.0.1:{LocalMachine.FreeTcpPort()}",
                "ASPIRE_DASHBOARD_UNSECURED_ALLOW_ANONYMOUS=true",
            ],
            (options, _) =>
            {
                options.DisableDashboard = false;
                options.AllowUnsecuredTransport = true;
            },
            timeout.Token);
        // The resources' console lines (the api logs every request) would drown the driver's output: only the errors
        // of the services measured are shown (Prometheus and Alertmanager write everything to stderr).
        builder.Services.AddLogging(logging =>
        {
            logging.SetMinimumLevel(LogLevel.Warning).AddFilter(ResourceLogs, LogLevel.None);
            foreach (var resource in new[] { ApiResource, WorkerResource, FloorResource })
            {
                logging.AddFilter($"{ResourceLogs}.{resource}", LogLevel.Error);
            }
        });

        // wrk talks to Kestrel directly, as a load balancer would in a deployment: Aspire's development proxy in
        // front of a project would add a hop of its own to every figure (the floor gets the same treatment).
        foreach (var name in new[] { ApiResource, WorkerResource })
        {
            foreach (var endpoint in builder.Resources.Single(resource => resource.Name == name).Annotations.OfType<EndpointAnnotation>())
            {
                endpoint.IsProxied = false;
            }
        }

        builder.CreateResourceBuilder<ProjectResource>(ApiResource)
            .WithEnvironment(context => context.EnvironmentVariables["Telemetry__Enabled"] = stack._telemetryEnabled ? "true" : "false")
            // Run as a deployment runs it (the AppHost gives the api its own environment, Development, in run mode).
            .WithEnvironment("ASPNETCORE_ENVIRONMENT", Environments.Production)
            // Traces sampled as in a deployment (DeploymentExtensions): one request in ten.
            .WithEnvironment("OTEL_TRACES_SAMPLER", "parentbased_traceidratio")
            .WithEnvironment("OTEL_TRACES_SAMPLER_ARG", DeploymentExtensions.TraceSampleRatio);

        builder.AddProject(FloorResource, Repository.PathTo("bench", "VideoEditor.Bench.Floor", "VideoEditor.Bench.Floor.csproj"), launchProfileName: null)
            .WithHttpEndpoint(name: Http, isProxied: false)
            .WithReference(builder.CreateResourceBuilder<IResourceWithConnectionString>("cache"))
            .WithHttpHealthCheck("/alive");

        stack.App = await builder.BuildAsync(timeout.Token);
        await stack.App.StartAsync(timeout.Token);
        foreach (var resource in new[] { ApiResource, WorkerResource, FloorResource })
        {
            await stack.App.ResourceNotifications.WaitForResourceHealthyAsync(resource, timeout.Token);
        }

        return stack;
    }

    /// <summary>The pid of the service process itself (not of the <c>dotnet run</c> that Aspire starts it with), if it runs.</summary>
    public int? ServicePid(string resource) => ProcessMemory.FindService(
        resource == ApiResource ? "VideoEditor.Api" : "VideoEditor.Worker",
        $"Storage__DataDirectory={Path.Combine(DataDirectory, "media")}");

    /// <summary>The pid of the floor app, found by the address it serves (<c>ASPNETCORE_URLS</c>), if it runs.</summary>
    public int? FloorPid() => ProcessMemory.FindService("VideoEditor.Bench.Floor", $"ASPNETCORE_URLS={Floor.GetLeftPart(UriPartial.Authority)}");

    /// <summary>
    /// The Aspire dashboard of this run (the OTLP receiver), if it runs. Aspire's orchestrator (dcp) starts it, and dcp's
    /// API server, which detaches from this process, names the process it serves: <c>--monitor {pid}</c>.
    /// </summary>
    public static int? DashboardPid()
    {
        var servers = LocalMachine.ProcessesMentioning($"\0--monitor\0{Environment.ProcessId}\0").Select(process => process.Pid).ToHashSet();
        return ProcessMemory.Running("Aspire.Dashboard").Where(pid => LocalMachine.SelfAndAncestors(pid).Any(servers.Contains)).Select(pid => (int?)pid).FirstOrDefault();
    }

    /// <summary>Restarts the api with OpenTelemetry on or off (<c>Telemetry:Enabled</c>) and waits until it is healthy again.</summary>
    public async Task RestartApiAsync(bool telemetryEnabled, HttpClient http, CancellationToken cancellationToken)
    {
        _telemetryEnabled = telemetryEnabled;
        var before = ServicePid(ApiResource);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(StartTimeout);
        // Stop, then start, each awaited until the process is gone or answers, rather than Aspire's restart command
        // (which was seen to hang).
        await ExecuteAsync(KnownResourceCommands.StopCommand, timeout.Token);
        while (ServicePid(ApiResource) is not null)
        {
            await Task.Delay(250, timeout.Token);
        }

        await ExecuteAsync(KnownResourceCommands.StartCommand, timeout.Token);
        int? after;
        while ((after = ServicePid(ApiResource)) is null || after == before || !await AnswersAsync(http, new Uri(Api, "/health"), timeout.Token))
        {
            await Task.Delay(250, timeout.Token);
        }

        // The proof that the switch reached the process, rather than trusting the restart.
        var environment = await File.ReadAllTextAsync($"/proc/{after}/environ", cancellationToken);
        if (!environment.Contains($"Telemetry__Enabled={(telemetryEnabled ? "true" : "false")}\0", StringComparison.Ordinal))
        {
            throw new InvalidOperationException("The restarted api did not get the telemetry switch.");
        }
    }

    private async Task ExecuteAsync(string command, CancellationToken cancellationToken)
    {
        var result = await App.Services.GetRequiredService<ResourceCommandService>()
            .ExecuteCommandAsync(ApiResource, command, cancellationToken)
            .WaitAsync(cancellationToken);
        if (!result.Success)
        {
            throw new InvalidOperationException($"{command} of the api failed: {result.Message}");
        }
    }

    private static async Task<bool> AnswersAsync(HttpClient http, Uri url, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await http.GetAsync(url, cancellationToken);
            return response.IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (App is not null)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
            try
            {
                await App.StopAsync(timeout.Token);
            }
            finally
            {
                await App.DisposeAsync();
            }
        }

        if (Directory.Exists(DataDirectory))
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
    }
}
