using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using VideoEditor.AppHost.Monitoring;

namespace VideoEditor.AppHost.Stack;

/// <summary>
/// Adds the infrastructure the services stand on. One implementation runs it as containers, the other as local
/// executables; the AppHost reads the same either way.
/// </summary>
public abstract class StackInfrastructure(IDistributedApplicationBuilder builder, StackSettings settings, MonitoringFiles files)
{
    public const string HttpEndpoint = "http";
    public const string SmtpEndpoint = "smtp";

    protected IDistributedApplicationBuilder Builder { get; } = builder;
    public StackSettings Settings { get; } = settings;
    public MonitoringFiles Files { get; } = files;

    public abstract StackMode Mode { get; }

    public abstract IResourceBuilder<IResourceWithConnectionString> AddCache(string name);

    /// <summary>
    /// A development mail catcher (smtp4dev) that receives the alert e-mails (endpoints <c>http</c>, <c>smtp</c>),
    /// or null in a deployment, which sends through a real SMTP relay.
    /// </summary>
    public abstract IResourceBuilder<IResourceWithEndpoints>? AddMailCatcher(string name);

    public abstract IResourceBuilder<IResourceWithEndpoints> AddAlertmanager(
        string name, IResourceBuilder<IResourceWithEndpoints>? mail, AlertingParameters alerting);

    /// <summary>Prometheus, scraping <c>/metrics</c> of each target (job name = resource name) and alerting through Alertmanager.</summary>
    public abstract IResourceBuilder<IResourceWithEndpoints> AddPrometheus(
        string name, IResourceBuilder<IResourceWithEndpoints> alertmanager, params IResourceBuilder<IResourceWithEndpoints>[] targets);

    /// <summary>Grafana provisioned from <c>grafana/</c>, or null when this mode cannot run it.</summary>
    public abstract IResourceBuilder<IResourceWithEndpoints>? AddGrafana(string name, IResourceBuilder<IResourceWithEndpoints> prometheus);

    /// <summary>Picks the mode from <c>Stack:Mode</c> (probing for a container runtime in <c>auto</c>) and logs the choice.</summary>
    public static StackInfrastructure Choose(IDistributedApplicationBuilder builder)
    {
        var settings = StackSettings.Read(builder.Configuration, TimeProvider.System);
        var files = MonitoringFiles.ForAppHost(builder.AppHostDirectory);

        if (builder.ExecutionContext.IsPublishMode)
        {
            return new DeploymentInfrastructure(builder, settings, files);
        }

        var (mode, reason) = settings.Mode switch
        {
            StackMode.Auto => ProbeForRuntime(builder),
            var chosen => (chosen, "set by Stack:Mode"),
        };

        if (mode == StackMode.Containers && settings.ExtraRuleFiles.Count > 0)
        {
            // A test aid of local mode: containers would need the files mounted.
            throw new StackSetupException("Stack:ExtraRuleFiles works in local mode only.");
        }

        StackInfrastructure infrastructure = mode == StackMode.Local
            ? new LocalInfrastructure(builder, settings, files)
            : new ContainerInfrastructure(builder, settings, files);

        LogAtStart(builder, logger => logger.LogInformation(
            "Stack mode: {Mode} ({Reason}); run data in {DataDirectory}", mode, reason, settings.DataDirectory));

        return infrastructure;
    }

    private static (StackMode Mode, string Reason) ProbeForRuntime(IDistributedApplicationBuilder builder)
    {
        var runtime = ContainerRuntimeProbe.FindAnsweringRuntime(ContainerRuntimeProbe.DefaultTimeout);
        if (runtime is null)
        {
            return (StackMode.Local, $"no container runtime answered ({string.Join(", ", ContainerRuntimeProbe.Runtimes)})");
        }

        // Aspire talks to docker unless told otherwise.
        builder.Configuration["DcpPublisher:ContainerRuntime"] = runtime;
        return (StackMode.Containers, $"{runtime} answered");
    }

    /// <summary>Logs once the app starts, when logging exists (the model is built before it does).</summary>
    protected static void LogAtStart(IDistributedApplicationBuilder builder, Action<ILogger> log) =>
        builder.Eventing.Subscribe<BeforeStartEvent>((@event, _) =>
        {
            log(@event.Services.GetRequiredService<ILoggerFactory>().CreateLogger("VideoEditor.AppHost.Stack"));
            return Task.CompletedTask;
        });

    protected static IResourceBuilder<T> WithUi<T>(IResourceBuilder<T> resource, string displayText) where T : IResourceWithEndpoints =>
        resource.WithUrlForEndpoint(HttpEndpoint, url => url.DisplayText = displayText);
}
