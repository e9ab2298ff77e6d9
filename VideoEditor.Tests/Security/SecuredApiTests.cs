using System.Net;
using VideoEditor.Tests.Support;

namespace VideoEditor.Tests.Security;

/// <summary>The api as a deployment runs it: an API key required and a low write limit.</summary>
public sealed class SecuredApiHost() : ApiHost(new()
{
    ["Security:ApiKey"] = ApiKey,
    ["Security:WritesPerMinute"] = WritesPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture),
})
{
    public const string ApiKey = "test-api-key-8d1f";
    public const int WritesPerMinute = 3;

    public HttpRequestMessage Request(HttpMethod method, string path, string? key = ApiKey)
    {
        var request = new HttpRequestMessage(method, new Uri(BaseAddress, path));
        if (key is not null)
        {
            request.Headers.Add("X-Api-Key", key);
        }

        return request;
    }
}

public sealed class SecuredApiTests(SecuredApiHost host) : IClassFixture<SecuredApiHost>
{
    [Theory]
    [InlineData(null)]
    [InlineData("wrong-key")]
    public async Task An_api_call_without_the_right_key_gets_401_problem(string? key)
    {
        using var response = await host.Http.SendAsync(host.Request(HttpMethod.Get, "/api/videos", key));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task An_api_call_with_the_key_is_answered_and_probes_need_none()
    {
        using var list = await host.Http.SendAsync(host.Request(HttpMethod.Get, "/api/videos"));
        using var health = await host.Http.GetAsync(new Uri(host.BaseAddress, "/health"));
        using var metrics = await host.Http.GetAsync(new Uri(host.BaseAddress, "/metrics"));

        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal(HttpStatusCode.OK, metrics.StatusCode);
    }

    [Fact]
    public async Task Refused_calls_are_counted()
    {
        (await host.Http.SendAsync(host.Request(HttpMethod.Get, "/api/videos", key: null))).Dispose();

        var scrape = await host.Http.GetStringAsync(new Uri(host.BaseAddress, "/metrics"));

        Assert.Matches("video_editor_api_requests_total{[^\\n]*route=\"/api/videos\",status_code=\"401\"} [1-9]", scrape);
        Assert.Matches("video_editor_api_errors_total{[^\\n]*error_type=\"unauthorized\"[^\\n]*} [1-9]", scrape);
    }

    [Fact]
    public async Task Writes_past_the_limit_get_429_with_retry_after_and_reads_go_on()
    {
        const string unknown = "/api/videos/0123456789abcdef0123456789abcdef";
        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? limited = null;
        for (var attempt = 0; attempt <= SecuredApiHost.WritesPerMinute; attempt++)
        {
            var response = await host.Http.SendAsync(host.Request(HttpMethod.Delete, unknown));
            statuses.Add(response.StatusCode);
            limited = response;
        }

        using var read = await host.Http.SendAsync(host.Request(HttpMethod.Get, "/api/videos"));

        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
        Assert.DoesNotContain(HttpStatusCode.TooManyRequests, statuses.Take(SecuredApiHost.WritesPerMinute));
        Assert.True(limited!.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        Assert.Equal("application/problem+json", limited.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
    }

    [Fact]
    public void The_api_says_at_start_that_a_key_is_required()
    {
        Assert.True(host.LogContains("must carry the API key"));
    }
}
