using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using VideoEditor.Media.Jobs;
using VideoEditor.Media.Videos;

namespace VideoEditor.Media.Previews;

/// <summary>
/// Asks the worker for a new video's previews (keyframes and storyboard) with an internal job: the api for an
/// upload, the worker for a job's output. The job id derives from the video, so there is one preview job per video.
/// Without Redis the video is still made: its thumbnails come from ffmpeg until the worker's
/// <c>PreviewBackfill</c> asks again.
/// </summary>
public sealed partial class PreviewRequester(JobSubmitter submitter, ILogger<PreviewRequester> logger)
{
    public static string JobId(string videoId) => VideoId.Derived(videoId, "preview");

    /// <summary>
    /// Queues the video's preview job, unless it exists already (queued, running or finished). False when the
    /// queue is unreachable.
    /// </summary>
    public async Task<bool> RequestAsync(Video video)
    {
        try
        {
            await submitter.SubmitAsync(JobType.Preview, video, new JobWork(null, null), JobId(video.Id));
            return true;
        }
        catch (Exception exception) when (RedisConnection.IsUnavailable(exception))
        {
            LogNotRequested(logger, video.Id, exception);
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "No previews requested for video {VideoId}: the job queue is unavailable")]
    private static partial void LogNotRequested(ILogger logger, string videoId, Exception exception);
}
