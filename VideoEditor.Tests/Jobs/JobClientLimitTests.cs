using System.Net;
using System.Net.Http.Json;
using System.Text;
using VideoEditor.Tests.Support;

namespace VideoEditor.Tests.Jobs;

/// <summary>An open api (clients are addresses) that lets a client have two unfinished jobs; no worker runs them.</summary>
public sealed class ApiWithClientJobLimit() : ApiWithUpload(new() { ["Jobs:MaxUnfinishedPerClient"] = "2" }, media => media.Clock);

public sealed class JobClientLimitTests(ApiWithClientJobLimit host) : IClassFixture<ApiWithClientJobLimit>
{
    [Fact]
    public async Task A_client_with_its_limit_of_unfinished_jobs_gets_429_while_another_client_is_served_and_a_finished_job_frees_a_place()
    {
        using var first = LoopbackClient.From(IPAddress.Parse("127.0.0.3"));
        var accepted = new List<JobDto>();
        for (var attempt = 0; attempt < 2; attempt++)
        {
            using var response = await TrimAsync(first);
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
            accepted.Add((await response.Content.ReadFromJsonAsync<JobDto>(VideoApi.Json))!);
        }

        using (var refused = await TrimAsync(first))
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
            Assert.True(refused.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1));
            Assert.Equal("Too many unfinished jobs", (await VideoApi.ProblemAsync(refused)).GetProperty("title").GetString());
        }

        using var second = LoopbackClient.From(IPAddress.Parse("127.0.0.4"));
        using (var other = await TrimAsync(second))
        {
            Assert.Equal(HttpStatusCode.Accepted, other.StatusCode);
        }

        using (var cancel = await first.DeleteAsync(host.Api.Url($"/api/jobs/{accepted[0].Id}")))
        {
            Assert.Equal(HttpStatusCode.OK, cancel.StatusCode);
        }

        using var again = await TrimAsync(first);
        Assert.Equal(HttpStatusCode.Accepted, again.StatusCode);
    }

    private Task<HttpResponseMessage> TrimAsync(HttpClient client) =>
        client.PostAsync(host.Api.Url($"/api/videos/{host.Video.Id}/trim"), new StringContent("""{"start":0,"end":1}""", Encoding.UTF8, "application/json"));
}
