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

    /// <summary>
    /// How long a job's message must go untouched before another worker takes the job over: a worker that was
    /// killed holds its job this long. A live worker touches its job's message three times as often.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan ClaimAfter { get; set; } = TimeSpan.FromSeconds(30);
}
