using System.Diagnostics;
using OpenTelemetry;
using OpenTelemetry.Context.Propagation;

namespace VideoEditor.Media.Jobs;

/// <summary>
/// Carries the trace of the request that submitted a job into the worker that runs it (W3C trace context in the
/// queue message), so one trace shows the request, the job and its ffmpeg runs.
/// </summary>
public static class JobTracing
{
    // Its own W3C propagator, not Propagators.DefaultTextMapPropagator: that one is a no-op until the OpenTelemetry
    // SDK is built, and a job carries its trace whether or not the SDK runs in the process.
    private static readonly TextMapPropagator Propagator = new CompositeTextMapPropagator([new TraceContextPropagator(), new BaggagePropagator()]);

    public static IReadOnlyDictionary<string, string> CurrentContext()
    {
        var carrier = new Dictionary<string, string>();
        if (Activity.Current is { } activity)
        {
            Propagator.Inject(
                new PropagationContext(activity.Context, Baggage.Current), carrier, (fields, key, value) => fields[key] = value);
        }

        return carrier;
    }

    public static ActivityContext ParentOf(IReadOnlyDictionary<string, string> carrier) =>
        Propagator
            .Extract(default, carrier, (fields, key) => fields.TryGetValue(key, out var value) ? [value] : [])
            .ActivityContext;
}
