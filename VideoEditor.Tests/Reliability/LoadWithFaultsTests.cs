using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using VideoEditor.Tests.Jobs;
using VideoEditor.Tests.Support;
using Xunit.Abstractions;

namespace VideoEditor.Tests.Reliability;

/// <summary>
/// The design's load test: 10 clients mixing uploads, thumbnails, metadata and jobs while the queue's Redis (the one
/// whose loss would lose accepted work) is restarted once and the worker is killed once. 20 s here; <c>scripts/load-with-faults.sh</c> runs it for 60 s
/// (<c>VIDEO_EDITOR_LOAD_SECONDS</c>) and keeps the report (<c>VIDEO_EDITOR_LOAD_REPORT</c>).
/// </summary>
[Trait("Category", "Stack")]
[Collection(JobStackCollection.Name)]
public sealed class LoadWithFaultsTests(JobStackFixture fixture, ITestOutputHelper output)
{
    private const int Connections = 10;

    [Fact]
    public async Task Under_load_with_the_queue_redis_restarted_and_the_worker_killed_errors_stay_under_1_percent_and_nothing_accepted_is_lost()
    {
        var stack = fixture.Stack;
        var api = new VideoApi(stack.Http, stack.Endpoint("api"));
        var media = await TestMedia.GetAsync();
        var videos = new[] { await api.UploadAsync(media.Clock), await api.UploadAsync(media.Long) };
        var duration = TimeSpan.FromSeconds(int.Parse(Environment.GetEnvironmentVariable("VIDEO_EDITOR_LOAD_SECONDS") ?? "20", CultureInfo.InvariantCulture));
        var load = new MixedLoad(api, media.Clock, videos, Connections);

        var running = load.RunAsync(duration);
        await Task.Delay(duration / 3);
        var redisStopped = load.Now;
        await stack.App.ResourceCommands.ExecuteCommandAsync("queue", KnownResourceCommands.StopCommand);
        await stack.StartResourceAsync("queue");
        var redisBack = load.Now;

        // A slow restart (a busy machine) may take longer than a third of the run: then the worker is killed at once.
        await Task.Delay(TimeSpan.FromTicks(Math.Max(0, (duration / 3 - (redisBack - redisStopped)).Ticks)));
        var workerKilled = load.Now;
        await stack.KillServiceAsync("worker", "VideoEditor.Worker");
        await stack.StartResourceAsync("worker");
        var workerBack = load.Now;
        await running;

        var drain = Stopwatch.StartNew();
        var (jobs, unfinished) = await WaitForJobsAsync(api, load.AcceptedJobs);
        drain.Stop();

        var missingUploads = new List<string>();
        foreach (var videoId in load.AcceptedUploads)
        {
            using var response = await api.Http.GetAsync(api.Url($"/api/videos/{videoId}"));
            if (response.StatusCode != HttpStatusCode.OK)
            {
                missingUploads.Add(videoId);
            }
        }

        var requests = load.Requests;
        var errors = requests.Count(request => request.IsError);
        var firstJobAfterRedis = requests.Where(request => request is { Operation: "job", Status: 202 } && request.Start >= redisStopped).MinBy(request => request.Start + request.Duration);
        var report = new StringBuilder()
            .AppendLine(CultureInfo.InvariantCulture, $"{Connections} clients for {duration.TotalSeconds:0} s; the queue's Redis stopped at {redisStopped.TotalSeconds:0.0} s and healthy again at {redisBack.TotalSeconds:0.0} s; the worker killed (SIGKILL) at {workerKilled.TotalSeconds:0.0} s and healthy again at {workerBack.TotalSeconds:0.0} s.")
            .AppendLine()
            .Append(load.Summary())
            .AppendLine()
            .AppendLine(CultureInfo.InvariantCulture, $"- errors: {errors} of {requests.Count} requests ({100.0 * errors / requests.Count:0.00} %)")
            .AppendLine(CultureInfo.InvariantCulture, $"- first job accepted after the Redis stop: {(firstJobAfterRedis is null ? "none" : $"answered at {(firstJobAfterRedis.Start + firstJobAfterRedis.Duration).TotalSeconds:0.0} s, {(firstJobAfterRedis.Start + firstJobAfterRedis.Duration - redisStopped).TotalSeconds:0.0} s after the stop")}")
            .AppendLine(CultureInfo.InvariantCulture, $"- uploads accepted: {load.AcceptedUploads.Count}, found afterwards: {load.AcceptedUploads.Count - missingUploads.Count}")
            .AppendLine(CultureInfo.InvariantCulture, $"- jobs accepted: {jobs.Count + unfinished.Count}, succeeded: {jobs.Count(job => job.Status == "succeeded")}, run more than once: {jobs.Count(job => job.Attempts > 1)}, with exactly one output: {jobs.Count(job => job.Outputs.Count == 1)}, unfinished: {unfinished.Count}; the worker finished the backlog {drain.Elapsed.TotalSeconds:0} s after the load (it also made the uploads' previews)")
            .ToString();
        output.WriteLine(report);
        if (Environment.GetEnvironmentVariable("VIDEO_EDITOR_LOAD_REPORT") is { Length: > 0 } reportFile)
        {
            await File.WriteAllTextAsync(reportFile, report);
        }

        Assert.True(errors < requests.Count / 100.0, report);
        Assert.True(unfinished.Count == 0, $"{string.Join(", ", unfinished)} never finished\n{report}");
        Assert.Empty(missingUploads);
        Assert.All(jobs, job => Assert.Equal("succeeded", job.Status));
        Assert.All(jobs, job => Assert.Single(job.Outputs));
        Assert.NotEmpty(jobs);
        Assert.NotEmpty(load.AcceptedUploads);
    }

    /// <summary>
    /// Polls every accepted job until all have finished. The worker drains a backlog at its own pace, so the wait
    /// ends only when no job finished for a minute: then the ones left are stuck (lost), not slow.
    /// </summary>
    private static async Task<(List<JobDto> Finished, List<string> Unfinished)> WaitForJobsAsync(VideoApi api, IEnumerable<string> accepted)
    {
        var unfinished = accepted.ToList();
        var finished = new List<JobDto>();
        var sinceLastFinished = Stopwatch.StartNew();
        while (unfinished.Count > 0 && sinceLastFinished.Elapsed < TimeSpan.FromMinutes(1))
        {
            foreach (var jobId in unfinished.ToList())
            {
                var job = await api.GetJobAsync(jobId);
                if (job.IsFinished)
                {
                    finished.Add(job);
                    unfinished.Remove(jobId);
                    sinceLastFinished.Restart();
                }
            }

            await Task.Delay(TimeSpan.FromMilliseconds(500));
        }

        return (finished, unfinished);
    }
}
