using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using VideoEditor.AppHost.Monitoring;
using VideoEditor.AppHost.Redis;

namespace VideoEditor.AppHost.Stack;

/// <summary>
/// The infrastructure as executables from PATH, for machines without a container engine. Every port is allocated
/// by Aspire and every service keeps its data in the run's own folder.
/// </summary>
public sealed class LocalInfrastructure : StackInfrastructure
{
    /// <summary>What local mode needs on PATH: the program names to look for, and the Debian package that brings them.</summary>
    public static readonly IReadOnlyList<(string[] Programs, string Package)> RequiredPrograms =
    [
        (["redis-server"], "redis-server"),
        (["prometheus"], "prometheus"),
        (["prometheus-alertmanager", "alertmanager"], "prometheus-alertmanager"),
    ];

    private readonly string _redisServer;
    private readonly string _prometheus;
    private readonly string _alertmanager;
    private readonly string? _grafana;

    public LocalInfrastructure(IDistributedApplicationBuilder builder, StackSettings settings, MonitoringFiles files)
        : base(builder, settings, files)
    {
        var found = RequiredPrograms.Select(required => (required.Package, Path: ExecutableSearch.FindAny(required.Programs))).ToList();
        var missing = found.Where(program => program.Path is null).Select(program => program.Package).ToList();
        if (missing.Count > 0)
        {
            var packages = string.Join(' ', missing);
            throw new StackSetupException(
                $"Local mode needs {string.Join(", ", missing)} on PATH: run 'sudo apt-get install -y {packages}' (or use Stack:Mode=containers).");
        }

        (_redisServer, _prometheus, _alertmanager) = (found[0].Path!, found[1].Path!, found[2].Path!);
        _grafana = ExecutableSearch.FindAny("grafana", "grafana-server");
    }

    public override StackMode Mode => StackMode.Local;

    private string ConfigFile(string name, string file) => Path.Combine(Settings.DataFolder(name), file);

    /// <summary>
    /// Prometheus and Alertmanager share their command-line conventions: a config file written before start into
    /// the run's folder, a storage folder, a listen address, an external URL, and readiness on <c>/-/ready</c>.
    /// </summary>
    /// <param name="storage">The storage flag and its folder, e.g. <c>--storage.path=/some/folder</c>.</param>
    private IResourceBuilder<ExecutableResource> AddPrometheusStyleServer(
        string name, string program, string displayName, string configFile, string storage, string[] extraArgs)
    {
        var dataFolder = Settings.DataFolder(name);
        var server = Builder.AddExecutable(name, program, dataFolder)
            .WithHttpEndpoint(name: HttpEndpoint, isProxied: false);
        var http = server.GetEndpoint(HttpEndpoint);

        server
            .WithArgs(context =>
            {
                context.Args.Add($"--config.file={Path.Combine(dataFolder, configFile)}");
                context.Args.Add(storage);
                context.Args.Add(ReferenceExpression.Create($"--web.listen-address=127.0.0.1:{http.Property(EndpointProperty.TargetPort)}"));
                foreach (var argument in extraArgs)
                {
                    context.Args.Add(argument);
                }
            })
            .WithHttpHealthCheck("/-/ready");
        return WithUi(WithExternalUrl(server), displayName);
    }

    public override IResourceBuilder<IResourceWithConnectionString> AddCache(string name) =>
        AddRedisServer(name, RedisRoles.Cache(Settings.CacheMaxMemory));

    public override IResourceBuilder<IResourceWithConnectionString> AddQueue(string name) =>
        AddRedisServer(name, RedisRoles.Queue);

    /// <summary>A <c>redis-server</c> on a port Aspire allocates, on loopback only, working in the run's folder for <paramref name="name"/>.</summary>
    private IResourceBuilder<IResourceWithConnectionString> AddRedisServer(string name, string[] roleArguments)
    {
        var dataFolder = Settings.DataFolder(name);
        var redis = new RedisServerResource(name, _redisServer, dataFolder);
        var healthCheck = $"{name}-ping";
        Builder.Services.AddHealthChecks().Add(new HealthCheckRegistration(healthCheck, _ => new RedisPingHealthCheck(redis), null, null));

        return Builder.AddResource(redis)
            .WithEndpoint(name: RedisServerResource.EndpointName, scheme: "tcp", isProxied: false)
            .WithArgs(context =>
            {
                context.Args.Add("--port");
                context.Args.Add(redis.PrimaryEndpoint.Property(EndpointProperty.TargetPort));
                context.Args.Add("--bind");
                context.Args.Add("127.0.0.1");
                context.Args.Add("-::1");
                context.Args.Add("--dir");
                context.Args.Add(dataFolder);
                foreach (var argument in roleArguments)
                {
                    context.Args.Add(argument);
                }
            })
            .WithHealthCheck(healthCheck);
    }

    public override IResourceBuilder<IResourceWithEndpoints>? AddMailCatcher(string name)
    {
        // smtp4dev comes from the repository's local tool manifest (dotnet tool restore).
        var dataFolder = Settings.DataFolder(name);
        var mail = Builder.AddExecutable(name, "dotnet", Files.RepositoryRoot, "tool", "run", "smtp4dev", "--")
            .WithHttpEndpoint(name: HttpEndpoint, isProxied: false)
            .WithEndpoint(name: SmtpEndpoint, scheme: "tcp", isProxied: false);
        var http = mail.GetEndpoint(HttpEndpoint);
        var smtp = mail.GetEndpoint(SmtpEndpoint);

        return WithUi(mail, "Mail (smtp4dev)")
            .WithArgs(context =>
            {
                context.Args.Add(ReferenceExpression.Create($"--urls=http://127.0.0.1:{http.Property(EndpointProperty.TargetPort)}"));
                context.Args.Add(ReferenceExpression.Create($"--smtpport={smtp.Property(EndpointProperty.TargetPort)}"));
                context.Args.Add("--bindaddress=127.0.0.1");
                context.Args.Add("--imapport=0");
                context.Args.Add("--pop3port=0");
                context.Args.Add("--db=");
                // Settings and state of this run only (not the user's ~/.config/smtp4dev, shared by every instance), and a
                // fixed host name: its default is the machine's DNS name, a lookup that can stall where the name does not resolve.
                context.Args.Add("--nousersettings");
                context.Args.Add($"--baseappdatapath={dataFolder}");
                context.Args.Add("--hostname=localhost");
            })
            .WithHttpHealthCheck("/");
    }

    /// <summary>Its silences and notification log in <see cref="StackSettings.StateDirectory"/>: they outlive the run.</summary>
    public override IResourceBuilder<IResourceWithEndpoints> AddAlertmanager(
        string name, IResourceBuilder<IResourceWithEndpoints>? mail, AlertingParameters alerting)
    {
        var state = Settings.StateFolder(name);
        LogAtStart(Builder, logger => logger.LogInformation("Alertmanager keeps its silences and notification log in {Folder}", state));
        return AddPrometheusStyleServer(name, _alertmanager, "Alertmanager", "alertmanager.yml", $"--storage.path={state}", ["--cluster.listen-address="])
            .WithConfigWrittenBeforeStart(async cancellationToken => AlertmanagerConfig.Write(
                Files, ConfigFile(name, "alertmanager.yml"), await alerting.ResolveAsync($"127.0.0.1:{mail!.GetEndpoint(SmtpEndpoint).Port}", cancellationToken)));
    }

    public override IResourceBuilder<IResourceWithEndpoints> AddPrometheus(
        string name, IResourceBuilder<IResourceWithEndpoints> alertmanager, IResourceBuilder<ParameterResource> runbooks,
        params IResourceBuilder<IResourceWithEndpoints>[] targets)
    {
        var storage = $"--storage.tsdb.path={Path.Combine(Settings.DataFolder(name), "data")}";
        var prometheus = AddPrometheusStyleServer(name, _prometheus, "Prometheus", "prometheus.yml", storage, ["--web.enable-lifecycle", "--enable-feature=exemplar-storage"]);
        return prometheus.WithConfigWrittenBeforeStart(async cancellationToken => PrometheusConfig.Write(
            Files,
            ConfigFile(name, "prometheus.yml"),
            Settings.ScrapeInterval,
            [Path.Combine(Files.RulesDirectory, "*.yml"), .. Settings.ExtraRuleFiles],
            (await runbooks.Resource.GetValueAsync(cancellationToken))!,
            $"127.0.0.1:{alertmanager.GetEndpoint(HttpEndpoint).Port}",
            [
                .. targets.Select(target => (target.Resource.Name, $"localhost:{target.GetEndpoint(HttpEndpoint).Port}")),
                (name, $"127.0.0.1:{prometheus.GetEndpoint(HttpEndpoint).Port}"),
            ]));
    }

    public override IResourceBuilder<IResourceWithEndpoints>? AddGrafana(string name, IResourceBuilder<IResourceWithEndpoints> prometheus)
    {
        if (_grafana is null)
        {
            LogAtStart(Builder, logger => logger.LogWarning(
                "Grafana is left out: neither grafana nor grafana-server is on PATH (it runs in container mode)"));
            return null;
        }

        var dataFolder = Settings.DataFolder(name);
        var grafana = Builder.AddExecutable(name, _grafana, dataFolder)
            .WithHttpEndpoint(name: HttpEndpoint, isProxied: false, env: "GF_SERVER_HTTP_PORT");
        if (Path.GetFileName(_grafana) == "grafana")
        {
            grafana.WithArgs("server");
        }

        const string packagedHome = "/usr/share/grafana";
        if (Directory.Exists(packagedHome))
        {
            grafana.WithArgs($"--homepath={packagedHome}");
        }

        return WithUi(grafana, "Grafana")
            .WithEnvironment("GF_SERVER_HTTP_ADDR", "127.0.0.1")
            .WithEnvironment("GF_PATHS_DATA", Path.Combine(dataFolder, "data"))
            .WithEnvironment("GF_PATHS_LOGS", Path.Combine(dataFolder, "logs"))
            .WithEnvironment("GF_PATHS_PROVISIONING", Files.GrafanaProvisioningDirectory)
            .WithEnvironment("GRAFANA_DASHBOARDS_DIR", Files.GrafanaDashboardsDirectory)
            .WithEnvironment("PROMETHEUS_URL", prometheus.GetEndpoint(HttpEndpoint))
            .WithGrafanaDevelopmentLogin()
            .WaitFor(prometheus)
            .WithHttpHealthCheck("/api/health");
    }
}
