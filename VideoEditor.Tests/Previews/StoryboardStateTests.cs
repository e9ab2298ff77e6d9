using System.Net;
using VideoEditor.Media;
using VideoEditor.Media.Jobs;
using VideoEditor.Media.Previews;
using VideoEditor.Tests.Support;

namespace VideoEditor.Tests.Previews;

/// <summary>What a storyboard request says before previews exist: being made (retry), or never to be made.</summary>
public sealed class StoryboardStateTests(ApiWithClock host) : IClassFixture<ApiWithClock>
{
    [Fact]
    public async Task A_storyboard_whose_preview_job_failed_says_so_without_asking_to_retry()
    {
        using var waiting = await host.Http.GetAsync(host.Api.Url($"/api/videos/{host.Clock.Id}/storyboard.vtt"));
        var store = new JobStore(host.Queue, new RedisCircuit(TimeProvider.System));
        // As the worker leaves a preview job that failed (no worker runs here: the job is still queued).
        await store.UpdateAsync(PreviewRequester.JobId(host.Clock.Id), job =>
            job.Start(DateTimeOffset.UtcNow, maxAttempts: 3)!.Fail(new JobError(JobErrorTypes.FFmpegFailed, "ffmpeg preview failed"), DateTimeOffset.UtcNow));

        using var failed = await host.Http.GetAsync(host.Api.Url($"/api/videos/{host.Clock.Id}/storyboard.vtt"));
        using var thumbnail = await host.Http.GetAsync(host.Api.Url($"/api/videos/{host.Clock.Id}/thumbnail?t=1"));

        Assert.Equal(HttpStatusCode.NotFound, waiting.StatusCode);
        Assert.NotNull(waiting.Headers.RetryAfter);
        Assert.Equal(HttpStatusCode.NotFound, failed.StatusCode);
        Assert.Null(failed.Headers.RetryAfter);
        var problem = await VideoApi.ProblemAsync(failed);
        Assert.Equal("The storyboard could not be made", problem.GetProperty("title").GetString());
        Assert.Contains("ffmpeg_failed", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, thumbnail.StatusCode);
    }
}
