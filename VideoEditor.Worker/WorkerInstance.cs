namespace VideoEditor.Worker;

/// <summary>This worker process among the others: its name as a consumer of the job queue and in its presence key.</summary>
public sealed class WorkerInstance
{
    public string Name { get; } = $"{Environment.MachineName}:{Environment.ProcessId}";
}
