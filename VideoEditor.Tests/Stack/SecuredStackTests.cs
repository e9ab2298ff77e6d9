using System.Net;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using VideoEditor.Tests.Support;

namespace VideoEditor.Tests.Stack;

/// <summary>A second stack, as a deployment would run it: an API key required and a low write limit.</summary>
public sealed class SecuredStackFixture : IAsyncLifetime
{
    public const string ApiKey = "test-api-key-8d1f";
    public const int WritesPerMinute = 3;

    public TestStack Stack { get; } = new();

    public HttpClient Http => Stack.Http;

    public Uri Api => Stack.Endpoint("api");

    public Task InitializeAsync() => Stack.StartAsync(
        [$"Parameters:api-key={ApiKey}"],
        builder => builder.CreateResourceBuilder<ProjectResource>("api")
            .WithEnvironment("Security__WritesPerMinute", WritesPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        "api");

    public async Task DisposeAsync() => await Stack.DisposeAsync();

    public HttpRequestMessage Request(HttpMethod method, string path, string? key = ApiKey)
    {
        var request = new HttpRequestMessage(method, new Uri(Api, path));
        if (key is not null)
        {
            request.Headers.Add("X-Api-Key", key);
        }

        return request;
    }
}

public sealed class SecuredStackTests(SecuredStackFixture stack) : IClassFixture<SecuredStackFixture>
{
    [Theory]
    [InlineData(null)]
    [InlineData("wrong-key")]
    public async Task An_api_call_without_the_right_key_gets_401_problem(string? key)
    {
        using var response = await stack.Http.SendAsync(stack.Request(HttpMethod.Get, "/api/videos", key));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task An_api_call_with_the_key_is_answered_and_probes_need_none()
    {
        using var list = await stack.Http.SendAsync(stack.Request(HttpMethod.Get, "/api/videos"));
        using var health = await stack.Http.GetAsync(new Uri(stack.Api, "/health"));
        using var metrics = await stack.Http.GetAsync(new Uri(stack.Api, "/metrics"));

        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal(HttpStatusCode.OK, metrics.StatusCode);
    }

    [Fact]
    public async Task Refused_calls_are_counted()
    {
        (await stack.Http.SendAsync(stack.Request(HttpMethod.Get, "/api/videos", key: null))).Dispose();

        var scrape = await stack.Http.GetStringAsync(new Uri(stack.Api, "/metrics"));

        Assert.Matches("video_editor_api_requests_total{[^\\n]*route=\"/api/videos\",status_code=\"401\"} [1-9]", scrape);
        Assert.Matches("video_editor_api_errors_total{[^\\n]*error_type=\"unauthorized\"[^\\n]*} [1-9]", scrape);
    }

    [Fact]
    public async Task Writes_past_the_limit_get_429_with_retry_after_and_reads_go_on()
    {
        const string unknown = "/api/videos/0123456789abcdef0123456789abcdef";
        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? limited = null;
        for (var attempt = 0; attempt <= SecuredStackFixture.WritesPerMinute; attempt++)
        {
            var response = await stack.Http.SendAsync(stack.Request(HttpMethod.Delete, unknown));
            statuses.Add(response.StatusCode);
            limited = response;
        }

        using var read = await stack.Http.SendAsync(stack.Request(HttpMethod.Get, "/api/videos"));

        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
        Assert.DoesNotContain(HttpStatusCode.TooManyRequests, statuses.Take(SecuredStackFixture.WritesPerMinute));
        Assert.True(limited!.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        Assert.Equal("application/problem+json", limited.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
    }

    [Fact]
    public async Task The_api_says_at_start_that_a_key_is_required()
    {
        Assert.True(await stack.Stack.LogContainsAsync("api", "must carry the API key", TimeSpan.FromSeconds(10)));
    }
}
