namespace VideoEditor.ServiceDefaults.Telemetry;

/// <summary>The names under which the services publish their own metrics and spans.</summary>
public static class VideoEditorTelemetry
{
    public const string MeterName = "VideoEditor";
    public const string ActivitySourceName = "VideoEditor";
}
