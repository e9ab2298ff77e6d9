using Microsoft.Extensions.Options;
using VideoEditor.Media.Previews;
using VideoEditor.Media.Storage;

namespace VideoEditor.Worker.Previews;

/// <summary>
/// Asks for the previews of every video that has none, at start and then every
/// <see cref="PreviewOptions.BackfillInterval"/>: a video uploaded while Redis was unreachable got no preview job.
/// A video whose preview job exists already (queued, running, or failed) is not asked for again.
/// </summary>
public sealed partial class PreviewBackfill(
    IVideoStorage storage, PreviewRequester requester, IOptions<PreviewOptions> options, TimeProvider time, ILogger<PreviewBackfill> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        do
        {
            var without = 0;
            await foreach (var video in storage.ListAsync(stoppingToken))
            {
                if (!Directory.Exists(storage.PreviewFolder(video.Id)))
                {
                    without++;
                    if (!await requester.RequestAsync(video))
                    {
                        break; // The queue is unreachable: the next round tries again.
                    }
                }
            }

            if (without > 0)
            {
                LogAsked(logger, without);
            }
        }
        while (await WaitAsync(stoppingToken));
    }

    private async Task<bool> WaitAsync(CancellationToken stoppingToken)
    {
        try
        {
            await Task.Delay(options.Value.BackfillInterval, time, stoppingToken);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Count} videos have no previews yet: their preview jobs are asked for (once per video)")]
    private static partial void LogAsked(ILogger logger, int count);
}
