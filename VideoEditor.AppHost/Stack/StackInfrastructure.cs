using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using VideoEditor.AppHost.Monitoring;
using VideoEditor.AppHost.Redis;

namespace VideoEditor.AppHost.Stack;

/// <summary>
/// Adds the infrastructure the services stand on. One implementation runs it as containers, the other as local
/// executables; the AppHost reads the same either way.
/// </summary>
public abstract class StackInfrastructure(IDistributedApplicationBuilder builder, StackSettings settings, MonitoringFiles files)
{
    public const string HttpEndpoint = "http";
    public const string SmtpEndpoint = "smtp";

    /// <summary>The ports Prometheus and Alertmanager listen on in their official images (and the stand-ins).</summary>
    protected const int PrometheusImagePort = 9090;
    protected const int AlertmanagerImagePort = 9093;

    protected IDistributedApplicationBuilder Builder { get; } = builder;
    public StackSettings Settings { get; } = settings;
    public MonitoringFiles Files { get; } = files;

    public abstract StackMode Mode { get; }

    /// <summary>The thumbnail cache's Redis (<see cref="RedisRoles.Cache"/>): bounded, evicting, nothing on disk.</summary>
    public abstract IResourceBuilder<IResourceWithConnectionString> AddCache(string name);

    /// <summary>The job queue's Redis (<see cref="RedisRoles.Queue"/>): never evicts, an append-only file in a folder or volume of its own.</summary>
    public abstract IResourceBuilder<IResourceWithConnectionString> AddQueue(string name);

    /// <summary>
    /// A development mail catcher (smtp4dev) that receives the alert e-mails (endpoints <c>http</c>, <c>smtp</c>),
    /// or null in a deployment, which sends through a real SMTP relay.
    /// </summary>
    public abstract IResourceBuilder<IResourceWithEndpoints>? AddMailCatcher(string name);

    public abstract IResourceBuilder<IResourceWithEndpoints> AddAlertmanager(
        string name, IResourceBuilder<IResourceWithEndpoints>? mail, AlertingParameters alerting);

    /// <summary>
    /// Prometheus, scraping <c>/metrics</c> of each target (job name = resource name) and alerting through Alertmanager,
    /// its alerts' runbook links under <paramref name="runbooks"/>.
    /// </summary>
    public abstract IResourceBuilder<IResourceWithEndpoints> AddPrometheus(
        string name, IResourceBuilder<IResourceWithEndpoints> alertmanager, IResourceBuilder<ParameterResource> runbooks,
        params IResourceBuilder<IResourceWithEndpoints>[] targets);

    /// <summary>Grafana provisioned from <c>grafana/</c>, or null when this mode cannot run it.</summary>
    public abstract IResourceBuilder<IResourceWithEndpoints>? AddGrafana(string name, IResourceBuilder<IResourceWithEndpoints> prometheus);

    /// <summary>
    /// Picks the mode from <c>Stack:Mode</c> and logs the choice. <c>auto</c> picks containers when an engine answers
    /// and every image the stack needs is on the machine or its registry resolves; local mode otherwise, saying why.
    /// </summary>
    public static StackInfrastructure Choose(IDistributedApplicationBuilder builder)
    {
        var settings = StackSettings.Read(builder.Configuration, TimeProvider.System);
        var files = MonitoringFiles.ForAppHost(builder.AppHostDirectory);

        if (builder.ExecutionContext.IsPublishMode)
        {
            return new DeploymentInfrastructure(builder, settings, files);
        }

        var (infrastructure, reason) = settings.Mode == StackMode.Local
            ? (new LocalInfrastructure(builder, settings, files), "set by Stack:Mode")
            : ChooseWithEngine(builder, settings, files);

        LogAtStart(builder, logger => logger.LogInformation(
            "Stack mode: {Mode} ({Reason}); run data in {DataDirectory}", infrastructure.Mode, reason, settings.DataDirectory));
        return infrastructure;
    }

    private static (StackInfrastructure, string Reason) ChooseWithEngine(IDistributedApplicationBuilder builder, StackSettings settings, MonitoringFiles files)
    {
        var asked = settings.Mode == StackMode.Containers;
        var engine = ContainerEngine.FindAnswering(ContainerEngine.DefaultTimeout);
        if (engine is null)
        {
            var none = $"no container engine answered ({string.Join(", ", ContainerEngine.Runtimes)})";
            return asked
                ? throw new StackSetupException($"Stack:Mode is containers, but {none}: start one, or use Stack:Mode=local.")
                : (new LocalInfrastructure(builder, settings, files), none);
        }

        var images = StackImages.Choose(settings.Images, engine);
        var missing = images.MissingRequired.Select(image => $"{image}: {images.Unavailable[image]}").ToList();
        if (missing.Count == 0)
        {
            return (new ContainerInfrastructure(builder, settings, files, engine, images), asked ? $"set by Stack:Mode, on {engine.Runtime}" : $"{engine.Runtime} answered");
        }

        // An engine asked for an image it can't pull retries for ever: the AppHost would never finish starting.
        var why = $"{engine.Runtime} answered, but {string.Join("; ", missing)}";
        var fix = $"run 'sudo {StackImages.StandInScript}' to build stand-in images, or set Stack:Images";
        return asked
            ? throw new StackSetupException($"Stack:Mode is containers: {why}. To fix it, {fix}.")
            : (new LocalInfrastructure(builder, settings, files), $"{why}; for containers {fix}");
    }

    /// <summary>Logs once the app starts, when logging exists (the model is built before it does).</summary>
    protected static void LogAtStart(IDistributedApplicationBuilder builder, Action<ILogger> log) =>
        builder.Eventing.Subscribe<BeforeStartEvent>((@event, _) =>
        {
            log(@event.Services.GetRequiredService<ILoggerFactory>().CreateLogger("VideoEditor.AppHost.Stack"));
            return Task.CompletedTask;
        });

    /// <summary>
    /// Gives Prometheus or Alertmanager the URL users reach it at, for the links it hands out (an alert's generatorURL,
    /// Alertmanager's links in notifications): its endpoint as the host sees it (in container mode the port of Aspire's
    /// proxy, not the container's), or in a deployment its ingress URL. Routes stay at <c>/</c> whatever path that URL
    /// has: health checks, scrapes and Prometheus' pushes to Alertmanager use the server's own address.
    /// </summary>
    protected static IResourceBuilder<T> WithExternalUrl<T>(IResourceBuilder<T> server) where T : IResourceWithEndpoints, IResourceWithArgs =>
        server.WithArgs(
            ReferenceExpression.Create($"--web.external-url={server.GetEndpoint(HttpEndpoint, KnownNetworkIdentifiers.LocalhostNetwork).Property(EndpointProperty.Url)}"),
            "--web.route-prefix=/");

    protected static IResourceBuilder<T> WithUi<T>(IResourceBuilder<T> resource, string displayText) where T : IResourceWithEndpoints =>
        resource.WithUrlForEndpoint(HttpEndpoint, url => url.DisplayText = displayText);
}
