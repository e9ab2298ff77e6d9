using System.Text.Json;
using VideoEditor.Media.FFmpeg;
using VideoEditor.Media.Jobs;

namespace VideoEditor.Tests.Jobs;

/// <summary>The job's lifecycle as the <see cref="Job"/> owns it: which changes each state allows, and what they change.</summary>
public sealed class JobTests
{
    private static readonly DateTimeOffset Created = new(2026, 12, 2, 10, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Later = Created.AddMinutes(1);
    private const int MaxAttempts = 3;
    private static readonly JobError Broken = new(JobErrorTypes.FFmpegFailed, "ffmpeg trim failed");

    private static Job Queued() => Job.Queued("0123456789abcdef0123456789abcdef", JobType.Trim, "fedcba9876543210fedcba9876543210",
        new JobWork([new CutSpec(1, 2, CutMode.Copy)], null), Created);

    private static Job Running() => Queued().Start(Created, MaxAttempts)!;

    private static Job Succeeded() => Running().Succeed(["aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"], Later)!;

    private static Job Failed() => Running().Fail(Broken, Later)!;

    private static Job Canceled() => Queued().Cancel(Later)!;

    public static TheoryData<string> Finished => ["succeeded", "failed", "canceled"];

    private static Job InState(string name) => name switch
    {
        "succeeded" => Succeeded(),
        "failed" => Failed(),
        "canceled" => Canceled(),
        "running" => Running(),
        _ => Queued(),
    };

    [Fact]
    public void A_new_job_waits_with_no_progress_attempt_or_output()
    {
        var job = Queued();

        Assert.Equal((JobStatus.Queued, 0.0, 0, null, null), (job.Status, job.Progress, job.Attempts, job.StartedAt, job.FinishedAt));
        Assert.Empty(job.OutputIds);
        Assert.False(job.IsFinished);
    }

    [Fact]
    public void Starting_counts_an_attempt_and_a_second_start_keeps_the_first_start_time()
    {
        var first = Queued().Start(Created, MaxAttempts)!;
        var advanced = first.Advance(0.5)!;
        var second = advanced.Start(Later, MaxAttempts)!;

        Assert.Equal((JobStatus.Running, 1, Created), (first.Status, first.Attempts, first.StartedAt));
        Assert.Equal((JobStatus.Running, 2, Created, 0.0), (second.Status, second.Attempts, second.StartedAt, second.Progress));
    }

    [Fact]
    public void Progress_moves_forward_by_at_least_a_thousandth_and_is_kept_to_three_decimals()
    {
        var job = Running().Advance(0.12345)!;

        Assert.Equal(0.123, job.Progress);
        Assert.Null(job.Advance(0.1235));
        Assert.Null(job.Advance(0.1));
        Assert.Equal(0.5, job.Advance(0.5)!.Progress);
    }

    [Fact]
    public void Progress_is_written_only_while_running()
    {
        Assert.Null(Queued().Advance(0.5));
        Assert.Null(Canceled().Advance(0.5));
    }

    [Fact]
    public void Success_records_the_outputs_full_progress_and_the_end()
    {
        var job = Running().Advance(0.4)!.Succeed(["aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"], Later)!;

        Assert.Equal((JobStatus.Succeeded, 1.0, Later), (job.Status, job.Progress, job.FinishedAt));
        Assert.Equal(["aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"], job.OutputIds);
        Assert.True(job.IsFinished);
    }

    [Fact]
    public void Failure_records_why_and_the_end()
    {
        var job = Failed();

        Assert.Equal((JobStatus.Failed, Broken, Later), (job.Status, job.Error, job.FinishedAt));
        Assert.True(job.IsFinished);
    }

    [Fact]
    public void Only_a_running_job_can_succeed_fail_or_go_back_to_the_queue()
    {
        Assert.Null(Queued().Succeed([], Later));
        Assert.Null(Queued().Fail(Broken, Later));
        Assert.Null(Queued().Requeue());
    }

    [Fact]
    public void A_job_handed_back_waits_again_from_the_start_keeping_its_attempts()
    {
        var job = Running().Advance(0.7)!.Requeue()!;

        Assert.Equal((JobStatus.Queued, 0.0, 1), (job.Status, job.Progress, job.Attempts));
        Assert.Null(job.FinishedAt);
    }

    [Theory]
    [InlineData("queued")]
    [InlineData("running")]
    public void A_waiting_or_running_job_can_be_canceled(string state)
    {
        var job = InState(state).Cancel(Later)!;

        Assert.Equal((JobStatus.Canceled, Later), (job.Status, job.FinishedAt));
    }

    [Fact]
    public void A_job_started_as_often_as_allowed_ends_failed_at_its_next_start()
    {
        var job = Running().Start(Later, MaxAttempts)!.Start(Later, MaxAttempts)!;

        var next = job.Start(Later, MaxAttempts)!;

        Assert.Equal((JobStatus.Running, MaxAttempts), (job.Status, job.Attempts));
        Assert.Equal((JobStatus.Failed, MaxAttempts, Later), (next.Status, next.Attempts, next.FinishedAt));
        Assert.Equal(JobErrorTypes.TooManyAttempts, next.Error?.Type);
    }

    [Fact]
    public void A_preview_job_is_the_services_own_and_no_client_cancels_it()
    {
        var preview = Job.Queued("0123456789abcdef0123456789abcdef", JobType.Preview, "fedcba9876543210fedcba9876543210", new JobWork(null, null), Created);

        Assert.False(preview.IsCancelable);
        Assert.Null(preview.Cancel(Later));
        Assert.Null(preview.Start(Created, MaxAttempts)!.Cancel(Later));
        Assert.True(Queued().IsCancelable);
    }

    [Theory]
    [MemberData(nameof(Finished))]
    public void A_finished_job_never_changes_again(string state)
    {
        var job = InState(state);

        Assert.Null(job.Start(Later, MaxAttempts));
        Assert.Null(job.Advance(0.9));
        Assert.Null(job.Succeed([], Later));
        Assert.Null(job.Fail(Broken, Later));
        Assert.Null(job.Cancel(Later));
        Assert.Null(job.Requeue());
    }

    [Fact]
    public void A_job_reads_back_from_its_stored_json_unchanged()
    {
        var job = Running().Advance(0.25)!.Fail(Broken, Later)!;

        var json = JsonSerializer.Serialize(job, Job.Json);
        var read = JsonSerializer.Deserialize<Job>(json, Job.Json)!;

        Assert.Contains("\"status\":\"failed\"", json, StringComparison.Ordinal);
        Assert.Equal(json, JsonSerializer.Serialize(read, Job.Json));
        Assert.Equal((job.Id, job.Type, job.VideoId, job.Status, job.Progress, job.Attempts), (read.Id, read.Type, read.VideoId, read.Status, read.Progress, read.Attempts));
        Assert.Equal((job.CreatedAt, job.StartedAt, job.FinishedAt, job.Error), (read.CreatedAt, read.StartedAt, read.FinishedAt, read.Error));
        Assert.Equal(job.Work.Cuts, read.Work.Cuts);
    }

    [Theory]
    [InlineData(JobType.Trim, "trim")]
    [InlineData(JobType.Split, "split")]
    [InlineData(JobType.Process, "process")]
    [InlineData(JobType.Preview, "preview")]
    public void A_job_type_is_labelled_as_the_api_names_it(JobType type, string label)
    {
        Assert.Equal(label, type.Label());
        Assert.Equal($"\"{label}\"", JsonSerializer.Serialize(type, Job.Json));
    }
}
