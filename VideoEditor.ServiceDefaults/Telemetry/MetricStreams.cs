using System.Diagnostics.Metrics;
using OpenTelemetry.Metrics;

namespace VideoEditor.ServiceDefaults.Telemetry;

/// <summary>How every instrument becomes a metric stream: one view for all of them, since each matching view adds a stream.</summary>
public static class MetricStreams
{
    /// <summary>
    /// The most label sets one metric keeps; more are summed into one series labelled <c>otel_metric_overflow="true"</c>.
    /// The SDK allocates this many points for every stream up front and every reader (Prometheus, OTLP) has its own
    /// streams: at the default of 2000 that is ~150 KB a stream, ~25 MB in the api, an eighth of its memory budget.
    /// Every label here takes a handful of values (routes are templates), so the busiest metric, the HTTP request
    /// duration, stays well under this.
    /// </summary>
    public const int CardinalityLimit = 256;

    // Runtime gauges whose names end in _count read as histogram parts to Prometheus (promtool check metrics flags
    // them): published under names that say what they count.
    private static readonly Dictionary<string, string> Renamed = new()
    {
        ["dotnet.assembly.count"] = "dotnet.assemblies.loaded",
        ["dotnet.process.cpu.count"] = "dotnet.process.cpus",
        ["dotnet.timer.count"] = "dotnet.timers.active",
    };

    public static MetricStreamConfiguration Configure(Instrument instrument) => new()
    {
        Name = Renamed.GetValueOrDefault(instrument.Name),
        CardinalityLimit = CardinalityLimit,
    };
}
