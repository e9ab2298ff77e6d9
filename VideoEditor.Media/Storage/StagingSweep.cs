using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace VideoEditor.Media.Storage;

/// <summary>
/// At a service's start, removes what a crash left in the staging areas (<see cref="FileVideoStorage.SweepAbandoned"/>):
/// partial uploads, outputs and previews untouched for <see cref="StorageOptions.AbandonedAfter"/>, half-done deletions.
/// Only old folders: the api and the worker share the folder, and the other may be writing one right now.
/// </summary>
public sealed partial class StagingSweep(IVideoStorage storage, IOptions<StorageOptions> options, TimeProvider time, ILogger<StagingSweep> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (storage is FileVideoStorage files && files.SweepAbandoned(time.GetUtcNow() - options.Value.AbandonedAfter) is > 0 and var removed)
        {
            LogSwept(logger, removed);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Removed {Count} staging folders left by a process that died mid-write")]
    private static partial void LogSwept(ILogger logger, int count);
}
