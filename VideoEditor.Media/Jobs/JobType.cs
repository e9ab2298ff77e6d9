using VideoEditor.ServiceDefaults.Telemetry;

namespace VideoEditor.Media.Jobs;

public enum JobType
{
    Trim,
    Split,
    Process,

    /// <summary>Keyframes and storyboard made after an upload; internal, never submitted through the API.</summary>
    Preview,
}

public enum JobStatus
{
    Queued,
    Running,
    Succeeded,
    Failed,
    Canceled,
}

public static class JobTypeLabels
{
    /// <summary>The job's type as the <c>type</c> label of the job metrics and the <c>operation</c> label of its ffmpeg runs.</summary>
    public static string Label(this JobType type) => type switch
    {
        JobType.Trim => MetricLabels.Operation.Trim,
        JobType.Split => MetricLabels.Operation.Split,
        JobType.Process => MetricLabels.Operation.Process,
        JobType.Preview => MetricLabels.Operation.Preview,
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };
}
