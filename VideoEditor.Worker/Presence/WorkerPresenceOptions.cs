using System.ComponentModel.DataAnnotations;

namespace VideoEditor.Worker.Presence;

public sealed class WorkerPresenceOptions
{
    public const string SectionName = "Worker:Presence";

    /// <summary>How often the worker renews its presence key.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long the key outlives the last renewal: a worker that stops renewing disappears after this.</summary>
    [Range(typeof(TimeSpan), "00:00:02", "01:00:00")]
    public TimeSpan TimeToLive { get; set; } = TimeSpan.FromSeconds(15);
}
