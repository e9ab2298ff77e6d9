using System.Diagnostics;
using VideoEditor.Media.Jobs;

namespace VideoEditor.Tests.Jobs;

public sealed class JobTracingTests
{
    /// <summary>The request's trace goes into the queue message and comes out as the job's parent, SDK started or not.</summary>
    [Fact]
    public void A_jobs_trace_context_carries_the_current_activity_to_the_worker()
    {
        using var request = new Activity("POST /api/videos/{id}/trim").SetIdFormat(ActivityIdFormat.W3C).Start();

        var carrier = JobTracing.CurrentContext();
        var parent = JobTracing.ParentOf(carrier);

        Assert.Equal($"00-{request.TraceId}-{request.SpanId}-00", carrier["traceparent"]);
        Assert.Equal((request.TraceId, request.SpanId), (parent.TraceId, parent.SpanId));
    }

    [Fact]
    public void Without_a_current_activity_a_job_starts_a_trace_of_its_own()
    {
        Activity.Current = null;

        Assert.Empty(JobTracing.CurrentContext());
        Assert.Equal(default, JobTracing.ParentOf(new Dictionary<string, string>()));
    }
}
