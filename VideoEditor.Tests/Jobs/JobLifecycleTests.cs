using System.Net;
using System.Net.Http.Json;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using VideoEditor.Media;
using VideoEditor.Media.FFmpeg;
using VideoEditor.Media.Jobs;
using VideoEditor.Media.Videos;
using VideoEditor.Tests.Stack;
using VideoEditor.Tests.Support;

namespace VideoEditor.Tests.Jobs;

/// <summary>Long jobs: progress while ffmpeg runs, cancel, a worker stopped mid-job, and the trace across services.</summary>
[Trait("Category", "Stack")]
[Collection(LocalStackCollection.Name)]
public sealed class JobLifecycleTests(LocalStackFixture stack, ClassSetup setup) : IClassFixture<ClassSetup>, IAsyncLifetime
{
    private readonly VideoApi _api = stack.Api;
    private VideoDto _long = null!;

    // One upload for the class: each test waits until its own job has ended, so no ffmpeg of one test's job runs into the next.
    public async Task InitializeAsync() => _long = await setup.OnceAsync(async () => await _api.UploadAsync((await TestMedia.GetAsync()).Long));

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Progress_rises_while_ffmpeg_runs_and_cancel_stops_it()
    {
        var job = await _api.SubmitAsync(_long.Id, "process", new { format = "mp4" });

        var running = await _api.WaitForJobAsync(job.Id, TimeSpan.FromSeconds(60), current => current.Progress > 0 || current.IsFinished);
        Assert.Equal("running", running.Status);
        Assert.InRange(running.Progress, 0.001, 0.999);
        Assert.NotEmpty(LocalMachine.FFmpegProcessesMentioning(_long.Id));

        using var cancel = await _api.Http.DeleteAsync(_api.Url($"/api/jobs/{job.Id}"));
        var answered = await cancel.Content.ReadFromJsonAsync<JobDto>(VideoApi.Json);

        Assert.Equal(HttpStatusCode.OK, cancel.StatusCode);
        Assert.Equal("canceled", answered!.Status);
        await Poll.UntilAsync(() => Task.FromResult(LocalMachine.FFmpegProcessesMentioning(_long.Id)), processes => processes.Count == 0, TimeSpan.FromSeconds(10));
        Assert.Empty(LocalMachine.FFmpegProcessesMentioning(_long.Id));
        await Task.Delay(TimeSpan.FromSeconds(2));
        var final = await _api.GetJobAsync(job.Id);
        Assert.Equal("canceled", final.Status);
        Assert.Empty(final.Outputs);
        Assert.NotNull(final.FinishedAt);
    }

    [Fact]
    public async Task Cancelling_a_finished_job_gets_409()
    {
        var media = await TestMedia.GetAsync();
        var clock = await _api.UploadAsync(media.Clock);
        var job = await _api.SubmitAsync(clock.Id, "trim", new { start = 0, end = 1, mode = "copy" });
        await _api.WaitForJobAsync(job.Id);

        using var cancel = await _api.Http.DeleteAsync(_api.Url($"/api/jobs/{job.Id}"));

        Assert.Equal(HttpStatusCode.Conflict, cancel.StatusCode);
        Assert.Equal("succeeded", (await _api.GetJobAsync(job.Id)).Status);
    }

    [Fact]
    public async Task A_job_whose_worker_is_stopped_mid_run_completes_once_when_a_worker_is_back()
    {
        var job = await _api.SubmitAsync(_long.Id, "process", new { format = "mp4", width = 640 });
        await _api.WaitForJobAsync(job.Id, TimeSpan.FromSeconds(60), current => current.Progress > 0 || current.IsFinished);

        await stack.App.ResourceCommands.ExecuteCommandAsync("worker", KnownResourceCommands.StopCommand);
        var handedBack = await _api.WaitForJobAsync(job.Id, TimeSpan.FromSeconds(30), current => current.Status != "running");
        Assert.Equal("queued", handedBack.Status);
        Assert.Empty(LocalMachine.FFmpegProcessesMentioning(_long.Id));

        await stack.Stack.StartResourceAsync("worker");
        await AssertCompletedOnceAsync(job.Id, (640, 360));
    }

    [Fact]
    public async Task A_worker_killed_mid_job_takes_its_ffmpeg_along_and_the_job_completes_once_after_a_restart()
    {
        var job = await _api.SubmitAsync(_long.Id, "process", new { format = "mp4", width = 480 });
        await _api.WaitForJobAsync(job.Id, TimeSpan.FromSeconds(60), current => current.Progress > 0 || current.IsFinished);
        var ffmpeg = Assert.Single(LocalMachine.FFmpegProcessesMentioning(_long.Id));

        await stack.Stack.KillServiceAsync("worker", "VideoEditor.Worker");

        await Poll.UntilAsync(() => Task.FromResult(LocalMachine.FFmpegProcessesMentioning(_long.Id)), processes => processes.Count == 0, TimeSpan.FromSeconds(10));
        Assert.DoesNotContain(ffmpeg, LocalMachine.FFmpegProcessesMentioning(_long.Id));
        Assert.Equal("running", (await _api.GetJobAsync(job.Id)).Status); // Nobody told the store: the queue must bring it back.

        await stack.Stack.StartResourceAsync("worker");
        var finished = await AssertCompletedOnceAsync(job.Id, (480, 270));
        Assert.Equal(2, finished.Attempts);
    }

    /// <summary>The job succeeds with its one output, listed once, and nothing is left in the staging area.</summary>
    private async Task<JobDto> AssertCompletedOnceAsync(string jobId, (int Width, int Height) size)
    {
        var finished = await _api.WaitForSuccessAsync(jobId, TimeSpan.FromSeconds(120));

        var output = Assert.Single(finished.Outputs);
        Assert.Equal(size, (output.Width, output.Height));
        Assert.Single(await _api.ListIdsAsync(), id => id == output.Id);
        Assert.Empty(Directory.GetFileSystemEntries(Path.Combine(stack.MediaDirectory, "staging")));
        return finished;
    }

    [Fact]
    public async Task A_job_whose_worker_died_as_often_as_allowed_ends_failed_at_its_next_start()
    {
        var clock = await _api.UploadAsync((await TestMedia.GetAsync()).Clock);
        var circuit = new RedisCircuit(TimeProvider.System);
        var id = VideoId.New();
        var now = DateTimeOffset.UtcNow;
        // How a job looks after its worker died mid-run three times (the stack's Jobs:MaxAttempts): running, three starts.
        var job = new Job(id, JobType.Trim, clock.Id, JobStatus.Running, 0.5, now, now, null, [], null, new JobWork([new CutSpec(0, 1, CutMode.Copy)], null), 3);
        Assert.True(await new JobStore(stack.Queue, circuit).CreateAsync(job));
        await new JobQueue(stack.Queue, circuit).EnqueueAsync(id, new Dictionary<string, string>());

        var finished = await _api.WaitForJobAsync(id);

        Assert.Equal(("failed", 3, "too_many_attempts"), (finished.Status, finished.Attempts, finished.Error?.Type));
        Assert.Empty(finished.Outputs);
    }

    [Fact]
    public async Task The_request_trace_continues_into_the_worker_job()
    {
        var media = await TestMedia.GetAsync();
        var clock = await _api.UploadAsync(media.Clock);
        var traceId = TracedCaller.NewTraceId();
        // The worker logs the job's end inside the job's span, whose trace id its console log shows.
        var logged = stack.Stack.SearchLogAsync("worker", traceId, TimeSpan.FromSeconds(90));

        using var caller = new TracedCaller();
        var job = await caller.SubmitJobAsync(_api.Url($"/api/videos/{clock.Id}/trim"), """{"start":0,"end":1,"mode":"copy"}""", traceId);
        var finished = await _api.WaitForJobAsync(job.Id);

        var search = await logged;
        Assert.True(search.Found, $"no worker log line carries trace {traceId}; job {finished.Status} after {finished.Attempts} attempt(s); {search}");
    }
}
