using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using VideoEditor.ServiceDefaults.Health;
using VideoEditor.ServiceDefaults.Telemetry;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// What every VideoEditor service shares: telemetry, health, service discovery and resilience.
/// </summary>
public static class ServiceDefaultsExtensions
{
    public const string HealthPath = "/health";
    public const string AlivePath = "/alive";
    public const string MetricsPath = "/metrics";

    /// <summary>The internal port that alone serves /health, /alive and /metrics when set.</summary>
    public const string ManagementPortKey = "Management:Port";

    /// <summary>
    /// <c>Telemetry:Enabled=false</c> leaves OpenTelemetry out (no metrics, traces or OTLP logs; <c>/metrics</c>
    /// answers empty), so the benchmark can measure what the instrumentation costs. Default: on.
    /// </summary>
    public const string TelemetryEnabledKey = "Telemetry:Enabled";

    private const string LiveTag = "live";

    public static TBuilder AddServiceDefaults<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.ConfigureOpenTelemetry();
        builder.AddDefaultHealthChecks();
        builder.Services.AddSingleton<VideoEditorInstrumentation>();
        builder.Services.AddSingleton<VideoEditorMetrics>();
        builder.Services.AddHostedService<ThreadPoolLagMonitor>();
        builder.Services.AddSingleton(TimeProvider.System);

        builder.Services.AddServiceDiscovery();
        builder.Services.ConfigureHttpClientDefaults(http =>
        {
            http.AddStandardResilienceHandler();
            http.AddServiceDiscovery();
        });

        return builder;
    }

    public static TBuilder ConfigureOpenTelemetry<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        if (!TelemetryEnabled(builder.Configuration))
        {
            return builder;
        }

        builder.Logging.AddOpenTelemetry(logging =>
        {
            logging.IncludeFormattedMessage = true;
            logging.IncludeScopes = true;
        });

        builder.Services.AddOpenTelemetry()
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddMeter(VideoEditorTelemetry.MeterName)
                .AddView(MetricStreams.Configure)
                // Exemplars link a latency bucket to a trace (OpenMetrics scrapes show them).
                .SetExemplarFilter(ExemplarFilterType.TraceBased)
                .AddPrometheusExporter())
            .WithTracing(tracing => tracing
                .AddSource(VideoEditorTelemetry.ActivitySourceName)
                // Scrapes and probes arrive every few seconds; tracing them would bury the real requests.
                .AddAspNetCoreInstrumentation(options => options.Filter = context => !IsInfrastructurePath(context.Request.Path))
                .AddHttpClientInstrumentation());

        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            builder.Services.AddOpenTelemetry().UseOtlpExporter();
        }

        return builder;
    }

    public static TBuilder AddDefaultHealthChecks<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Services.AddHealthChecks()
            .AddCheck("self", () => HealthCheckResult.Healthy(), [LiveTag]);

        return builder;
    }

    /// <summary>
    /// Maps <c>/health</c> (readiness: every check, Redis included), <c>/alive</c> (liveness) and the Prometheus
    /// scraping endpoint <c>/metrics</c>. They are mapped in every environment because Prometheus and the
    /// orchestrator need them everywhere; none of them counts in the HTTP metrics. With <c>Management:Port</c>
    /// set (a deployment), they answer on that internal port only, never on the public one.
    /// </summary>
    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        var managementPort = app.Configuration.GetValue<int?>(ManagementPortKey);
        IEndpointConventionBuilder Internal(IEndpointConventionBuilder endpoint)
        {
            endpoint.DisableHttpMetrics();
            return managementPort is null ? endpoint : endpoint.WithMetadata(ManagementPortOnly.Instance);
        }

        if (managementPort is { } port)
        {
            // Decided by the port the connection came in on, not by the Host header (RequireHost): a client writes
            // that header as it likes ("Host: api:8081" on the public port), and a port mapping rewrites it.
            app.Use((context, next) =>
                context.GetEndpoint()?.Metadata.GetMetadata<ManagementPortOnly>() is not null && context.Connection.LocalPort != port
                    ? Results.NotFound().ExecuteAsync(context)
                    : next(context));
        }

        Internal(app.MapHealthChecks(HealthPath, new HealthCheckOptions { ResponseWriter = HealthResponseWriter.WriteAsync }));
        Internal(app.MapHealthChecks(AlivePath, new HealthCheckOptions
        {
            Predicate = registration => registration.Tags.Contains(LiveTag),
            ResponseWriter = HealthResponseWriter.WriteAsync,
        }));
        Internal(TelemetryEnabled(app.Configuration)
            ? app.MapPrometheusScrapingEndpoint(MetricsPath)
            : app.MapGet(MetricsPath, () => Results.Text("", "text/plain; version=0.0.4")));

        return app;
    }

    /// <summary>Marks an endpoint that answers on the management port only.</summary>
    private sealed class ManagementPortOnly
    {
        public static readonly ManagementPortOnly Instance = new();
    }

    private static bool TelemetryEnabled(IConfiguration configuration) => configuration.GetValue(TelemetryEnabledKey, defaultValue: true);

    private static bool IsInfrastructurePath(PathString path) =>
        path.StartsWithSegments(HealthPath) || path.StartsWithSegments(AlivePath) || path.StartsWithSegments(MetricsPath);
}
