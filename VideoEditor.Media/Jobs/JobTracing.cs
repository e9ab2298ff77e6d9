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
    public static IReadOnlyDictionary<string, string> CurrentContext()
    {
        var carrier = new Dictionary<string, string>();
        if (Activity.Current is { } activity)
        {
            Propagators.DefaultTextMapPropagator.Inject(
                new PropagationContext(activity.Context, Baggage.Current), carrier, (fields, key, value) => fields[key] = value);
        }

        return carrier;
    }

    public static ActivityContext ParentOf(IReadOnlyDictionary<string, string> carrier) =>
        Propagators.DefaultTextMapPropagator
            .Extract(default, carrier, (fields, key) => fields.TryGetValue(key, out var value) ? [value] : [])
            .ActivityContext;
}
