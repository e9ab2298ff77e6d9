using System.ComponentModel.DataAnnotations;

namespace VideoEditor.Worker.Jobs;

public sealed class JobConsumerOptions
{
    public const string SectionName = "Jobs";

    /// <summary>How often an idle worker looks at the queue when no new-job notice woke it.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:01:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How often a running job's progress is written and its cancellation checked.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:01:00")]
    public TimeSpan ProgressInterval { get; set; } = TimeSpan.FromSeconds(1);
}
