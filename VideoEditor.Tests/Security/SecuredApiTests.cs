using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using VideoEditor.Api.Security;
using VideoEditor.Tests.Support;

namespace VideoEditor.Tests.Security;

/// <summary>The api as a deployment runs it: API keys required (one per client) and a low write limit.</summary>
public sealed class SecuredApiHost() : ApiHost(new()
{
    ["Security:ApiKey"] = ApiKey,
    ["Security:ApiKeys:0"] = SecondKey,
    ["Security:ApiKeys:1"] = UploaderKey,
    ["Security:WritesPerMinute"] = WritesPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture),
})
{
    public const string ApiKey = "test-api-key-8d1f";

    /// <summary>Another client's key: a bucket of its own.</summary>
    public const string SecondKey = "second-client-key-31c7";

    /// <summary>The key of the one test that uploads, so its write does not count against the others.</summary>
    public const string UploaderKey = "uploader-key-9a02";

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
    [InlineData("test-api-key-8d1")]
    [InlineData("test-api-key-8d1f-and-more-of-it-than-the-key-has")]
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
    public async Task Each_key_is_a_client_with_a_write_limit_of_its_own()
    {
        const string unknown = "/api/videos/0123456789abcdef0123456789abcdef";
        for (var attempt = 0; attempt < SecuredApiHost.WritesPerMinute; attempt++)
        {
            (await host.Http.SendAsync(host.Request(HttpMethod.Delete, unknown, SecuredApiHost.SecondKey))).Dispose();
        }

        using var past = await host.Http.SendAsync(host.Request(HttpMethod.Delete, unknown, SecuredApiHost.SecondKey));
        // The uploader's key has made one write at most (its upload).
        using var other = await host.Http.SendAsync(host.Request(HttpMethod.Delete, unknown, SecuredApiHost.UploaderKey));

        Assert.Equal(HttpStatusCode.TooManyRequests, past.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
    }

    [Fact]
    public async Task What_a_key_holder_reads_is_never_kept_by_a_shared_cache_and_every_answer_is_hardened()
    {
        using var upload = host.Request(HttpMethod.Post, "/api/videos", SecuredApiHost.UploaderKey);
        using var form = new MultipartFormDataContent();
        using var file = new ByteArrayContent(await File.ReadAllBytesAsync((await TestMedia.GetAsync()).Clock));
        form.Add(file, "file", "clock.mp4");
        upload.Content = form;
        using var uploaded = await host.Http.SendAsync(upload);
        var video = await uploaded.Content.ReadFromJsonAsync<VideoDto>(VideoApi.Json);

        using var thumbnail = await host.Http.SendAsync(host.Request(HttpMethod.Get, $"/api/videos/{video!.Id}/thumbnail?width=32", SecuredApiHost.UploaderKey));
        using var refused = await host.Http.SendAsync(host.Request(HttpMethod.Get, "/api/videos", key: null));

        Assert.Equal(HttpStatusCode.OK, thumbnail.StatusCode);
        Assert.True(thumbnail.Headers.CacheControl?.Private);
        Assert.False(thumbnail.Headers.CacheControl?.Public);
        foreach (var response in new[] { uploaded, thumbnail, refused })
        {
            Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
            Assert.Equal("default-src 'none'; sandbox", Assert.Single(response.Headers.GetValues("Content-Security-Policy")));
            Assert.Empty(response.Headers.Server);
        }
    }

    [Fact]
    public async Task The_document_offers_the_key_and_every_api_operation_asks_for_it()
    {
        var document = JsonDocument.Parse(await host.Http.GetStringAsync(new Uri(host.BaseAddress, "/openapi/v1.json"))).RootElement;

        var scheme = document.GetProperty("components").GetProperty("securitySchemes").GetProperty(ApiKeyInDocument.SchemeName);
        Assert.Equal(("apiKey", "header", "X-Api-Key"),
            (scheme.GetProperty("type").GetString(), scheme.GetProperty("in").GetString(), scheme.GetProperty("name").GetString()));
        var operations = document.GetProperty("paths").EnumerateObject().SelectMany(path => path.Value.EnumerateObject()).Select(operation => operation.Value).ToList();
        Assert.NotEmpty(operations);
        Assert.All(operations, operation =>
        {
            var requirement = Assert.Single(operation.GetProperty("security").EnumerateArray());
            Assert.Equal([ApiKeyInDocument.SchemeName], requirement.EnumerateObject().Select(entry => entry.Name));
            Assert.True(operation.GetProperty("responses").TryGetProperty("401", out _));
        });
    }

    [Fact]
    public void The_api_says_at_start_that_a_key_is_required()
    {
        Assert.True(host.LogContains("must carry one of the 3 API keys"));
    }
}

/// <summary>An open api (no key: local development) with low limits.</summary>
public sealed class OpenLimitedApiHost() : ApiHost(new()
{
    ["Security:WritesPerMinute"] = "2",
    ["Security:ThumbnailsPerMinute"] = "2",
})
{
}

public sealed class OpenApiLimitTests(OpenLimitedApiHost host) : IClassFixture<OpenLimitedApiHost>
{
    private const string Unknown = "/api/videos/0123456789abcdef0123456789abcdef";

    [Fact]
    public async Task Without_keys_a_client_is_its_address_whatever_key_header_it_sends()
    {
        var statuses = new List<HttpStatusCode>();
        for (var attempt = 0; attempt < 3; attempt++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Delete, new Uri(host.BaseAddress, Unknown));
            request.Headers.Add("X-Api-Key", $"made-up-{attempt}");
            using var response = await host.Http.SendAsync(request);
            statuses.Add(response.StatusCode);
        }

        Assert.Equal([HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.TooManyRequests], statuses);
    }

    [Fact]
    public async Task Thumbnails_are_limited_per_client_too()
    {
        var statuses = new List<HttpStatusCode>();
        for (var attempt = 0; attempt < 3; attempt++)
        {
            using var response = await host.Http.GetAsync(new Uri(host.BaseAddress, $"{Unknown}/thumbnail?t={attempt}"));
            statuses.Add(response.StatusCode);
        }

        Assert.Equal([HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.TooManyRequests], statuses);
    }
}
