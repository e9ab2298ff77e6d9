using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace VideoEditor.ServiceDefaults.Telemetry;

/// <summary>The services' own span source and meter, one instance per service (registered by AddServiceDefaults).</summary>
public sealed class VideoEditorInstrumentation(IMeterFactory meterFactory) : IDisposable
{
    public ActivitySource ActivitySource { get; } = new(VideoEditorTelemetry.ActivitySourceName);

    public Meter Meter { get; } = meterFactory.Create(VideoEditorTelemetry.MeterName);

    public void Dispose() => ActivitySource.Dispose();
}
