using System.Net;
using VideoEditor.Tests.Support;

namespace VideoEditor.Tests.Jobs;

/// <summary>Job requests the api refuses before anything is queued: no worker is needed to answer them.</summary>
public sealed class JobRequestTests(ApiWithClock host) : IClassFixture<ApiWithClock>
{
    private readonly VideoApi _api = host.Api;
    private readonly VideoDto _clock = host.Clock;

    [Theory]
    [InlineData("trim", """{"start":6,"end":2}""", "end")]
    [InlineData("trim", """{"start":-1,"end":2}""", "start")]
    [InlineData("trim", """{"start":1,"end":99}""", "end")]
    [InlineData("trim", """{"start":1,"end":2,"mode":"fast"}""", "mode")]
    [InlineData("split", """{"at":[8,4]}""", "at")]
    [InlineData("split", """{"at":[0]}""", "at")]
    [InlineData("split", """{"at":[4],"segmentSeconds":2}""", "at")]
    [InlineData("split", """{"segmentSeconds":0}""", "segmentSeconds")]
    [InlineData("split", """{"segmentSeconds":0.01}""", "segmentSeconds")]
    [InlineData("process", """{"format":"avi"}""", "format")]
    [InlineData("process", """{"format":"mp4","width":0}""", "width")]
    [InlineData("process", """{"format":"mp4","height":100000}""", "height")]
    [InlineData("process", """{"format":"mp4","fps":-5}""", "fps")]
    public async Task Bad_job_requests_get_400_naming_the_field(string operation, string body, string field)
    {
        using var response = await PostJsonAsync($"/api/videos/{_clock.Id}/{operation}", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await VideoApi.ProblemAsync(response)).GetProperty("errors").TryGetProperty(field, out _));
    }

    [Theory]
    [InlineData("""{"start":"soon"}""")]
    [InlineData("""not json""")]
    public async Task A_body_that_is_not_the_expected_json_gets_400(string body)
    {
        using var response = await PostJsonAsync($"/api/videos/{_clock.Id}/trim", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(400, (await VideoApi.ProblemAsync(response)).GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task A_body_past_the_request_limit_gets_413_without_being_parsed()
    {
        var huge = """{"at":[""" + string.Join(',', Enumerable.Repeat("1.5", 5_000_000)) + "]}";

        using var request = new HttpRequestMessage(HttpMethod.Post, _api.Url($"/api/videos/{_clock.Id}/split"))
        {
            Content = new StringContent(huge, System.Text.Encoding.UTF8, "application/json"),
        };
        // The answer comes before the body is sent (it would be cut off mid-send otherwise).
        request.Headers.ExpectContinue = true;
        using var response = await _api.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_videos_preview_job_is_not_for_a_client_to_cancel()
    {
        using var response = await _api.Http.DeleteAsync(_api.Url($"/api/jobs/{VideoEditor.Media.Previews.PreviewRequester.JobId(_clock.Id)}"));

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("The job is the service's own", (await VideoApi.ProblemAsync(response)).GetProperty("title").GetString());
        Assert.Equal("queued", (await _api.GetJobAsync(VideoEditor.Media.Previews.PreviewRequester.JobId(_clock.Id))).Status);
    }

    [Fact]
    public async Task Jobs_on_an_unknown_video_and_unknown_jobs_get_404()
    {
        using var trim = await PostJsonAsync("/api/videos/0123456789abcdef0123456789abcdef/trim", """{"start":0,"end":1}""");
        using var job = await _api.Http.GetAsync(_api.Url("/api/jobs/0123456789abcdef0123456789abcdef"));
        using var malformed = await _api.Http.GetAsync(_api.Url("/api/jobs/..%2F..%2Fx"));

        Assert.Equal(HttpStatusCode.NotFound, trim.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, job.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, malformed.StatusCode);
    }

    [Fact]
    public async Task An_accepted_jobs_queue_message_carries_the_requests_trace()
    {
        using var caller = new TracedCaller();
        var traceId = TracedCaller.NewTraceId();

        var job = await caller.SubmitJobAsync(_api.Url($"/api/videos/{_clock.Id}/trim"), """{"start":0,"end":1,"mode":"copy"}""", traceId);

        var message = (await host.Queue.GetDatabase().StreamRangeAsync(VideoEditor.Media.RedisKeys.JobQueue)).Single(entry => entry["jobId"] == job.Id);
        Assert.StartsWith($"00-{traceId}-", message["traceparent"].ToString(), StringComparison.Ordinal);
    }

    private Task<HttpResponseMessage> PostJsonAsync(string path, string json) =>
        _api.Http.PostAsync(_api.Url(path), new StringContent(json, System.Text.Encoding.UTF8, "application/json"));
}

/// <summary>An api whose queue takes three waiting jobs (no worker takes any): the upload's preview job and two more.</summary>
public sealed class ApiWithSmallQueue() : ApiWithUpload(new() { ["Jobs:MaxQueued"] = "3" }, media => media.Clock);

public sealed class JobQueueLimitTests(ApiWithSmallQueue host) : IClassFixture<ApiWithSmallQueue>
{
    [Fact]
    public async Task Past_the_queue_limit_a_job_gets_503_with_retry_after_and_nothing_is_stored()
    {
        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? last = null;
        for (var attempt = 0; attempt < 3; attempt++)
        {
            last?.Dispose();
            last = await host.Http.PostAsync(host.Api.Url($"/api/videos/{host.Video.Id}/trim"),
                new StringContent("""{"start":0,"end":1}""", System.Text.Encoding.UTF8, "application/json"));
            statuses.Add(last.StatusCode);
        }

        Assert.Equal([HttpStatusCode.Accepted, HttpStatusCode.Accepted, HttpStatusCode.ServiceUnavailable], statuses);
        Assert.True(last!.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1));
        Assert.Equal("The job queue is full", (await VideoApi.ProblemAsync(last)).GetProperty("title").GetString());
        Assert.Equal(3, host.Queue.Keys("video-editor:jobs:*").Count(key => !key.ToString().EndsWith(":queue", StringComparison.Ordinal) && !key.ToString().Contains(":client:", StringComparison.Ordinal)));
        last.Dispose();
    }
}
