using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using VideoEditor.Api.Reference;
using VideoEditor.Api.Videos;
using VideoEditor.Tests.Support;

namespace VideoEditor.Tests.Reference;

/// <summary>The OpenAPI document, held against what the api really maps and answers (the clock video uploaded).</summary>
public sealed class OpenApiDocumentTests(ApiWithClock host) : IClassFixture<ApiWithClock>
{
    private async Task<JsonElement> DocumentAsync() =>
        JsonDocument.Parse(await host.Http.GetStringAsync(new Uri(host.BaseAddress, "/openapi/v1.json"))).RootElement;

    private static IEnumerable<(string Route, JsonElement Operation)> Operations(JsonElement document) =>
        document.GetProperty("paths").EnumerateObject().SelectMany(path =>
            path.Value.EnumerateObject().Select(operation => ($"{operation.Name.ToUpperInvariant()} {path.Name}", operation.Value)));

    private static HashSet<string> Statuses(JsonElement operation) =>
        operation.GetProperty("responses").EnumerateObject().Select(response => response.Name).ToHashSet();

    /// <summary>Every route the api maps, as "METHOD /path", with its endpoint; those that are not the API itself left out.</summary>
    private Dictionary<string, RouteEndpoint> MappedRoutes() =>
        host.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Select(endpoint => (Path: "/" + endpoint.RoutePattern.RawText!.Trim('/'), Endpoint: endpoint))
            .Where(route => !IsInfrastructure(route.Path))
            .SelectMany(route => route.Endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()!.HttpMethods
                .Select(method => (Route: $"{method} {route.Path}", route.Endpoint)))
            .ToDictionary(route => route.Route, route => route.Endpoint);

    // Probes and metrics, the document, the reference page and the root that leads to it.
    private static bool IsInfrastructure(string path) =>
        path == "/" || new[] { "/health", "/alive", "/metrics", "/openapi", ApiReference.Path }.Any(prefix => new PathString(path).StartsWithSegments(prefix));

    [Fact]
    public async Task The_document_lists_every_route_the_api_maps_each_with_a_summary()
    {
        var operations = Operations(await DocumentAsync()).ToList();
        var mapped = MappedRoutes();

        Assert.Equal(mapped.Keys.Order(), operations.Select(operation => operation.Route).Order());
        Assert.True(mapped.Count >= 13, $"only {mapped.Count} routes found: {string.Join(", ", mapped.Keys)}");
        Assert.All(operations, operation => Assert.False(string.IsNullOrWhiteSpace(operation.Operation.GetProperty("summary").GetString())));
    }

    [Fact]
    public async Task Every_operation_declares_the_problems_it_can_answer_as_problem_json()
    {
        foreach (var (route, operation) in Operations(await DocumentAsync()))
        {
            var statuses = Statuses(operation);
            if (route.Contains("{id}", StringComparison.Ordinal) || route.Contains("{jobId}", StringComparison.Ordinal))
            {
                Assert.True(statuses.Contains("404"), $"{route} declares no 404: {string.Join(", ", statuses)}");
            }

            if (route.StartsWith("POST ", StringComparison.Ordinal))
            {
                Assert.True(statuses.Overlaps(["400", "422"]), $"{route} declares neither 400 nor 422: {string.Join(", ", statuses)}");
            }

            if (route.EndsWith("/trim", StringComparison.Ordinal) || route.EndsWith("/split", StringComparison.Ordinal) || route.EndsWith("/process", StringComparison.Ordinal))
            {
                Assert.Superset(new HashSet<string> { "400", "404", "413", "415", "429", "503" }, statuses);
            }

            foreach (var problem in operation.GetProperty("responses").EnumerateObject().Where(response => response.Name[0] is '4' or '5'))
            {
                Assert.Equal(["application/problem+json"], problem.Value.GetProperty("content").EnumerateObject().Select(content => content.Name));
                if (problem.Name is "429" or "503")
                {
                    Assert.True(problem.Value.TryGetProperty("headers", out var headers) && headers.TryGetProperty("Retry-After", out _), $"{route} {problem.Name} without Retry-After");
                }
            }
        }
    }

    [Fact]
    public async Task Every_route_limited_per_client_declares_429()
    {
        var operations = Operations(await DocumentAsync()).ToDictionary(operation => operation.Route, operation => operation.Operation);
        var limited = MappedRoutes().Where(route => route.Value.Metadata.GetMetadata<EnableRateLimitingAttribute>() is not null).Select(route => route.Key).ToList();

        Assert.Contains("POST /api/videos", limited);
        Assert.All(limited, route => Assert.Contains("429", Statuses(operations[route])));
        Assert.DoesNotContain("429", Statuses(operations["GET /api/videos/{id}"]));
    }

    [Fact]
    public async Task Without_keys_the_document_asks_for_none()
    {
        var document = await DocumentAsync();

        Assert.False(document.GetProperty("components").TryGetProperty("securitySchemes", out _));
        Assert.All(Operations(document), operation => Assert.DoesNotContain("401", Statuses(operation.Operation)));
    }

    [Theory]
    [InlineData("trim")]
    [InlineData("split")]
    [InlineData("process")]
    public async Task Every_example_body_is_a_job_the_api_accepts(string operation)
    {
        var body = (await DocumentAsync()).GetProperty("paths").GetProperty($"/api/videos/{{id}}/{operation}").GetProperty("post")
            .GetProperty("requestBody").GetProperty("content").GetProperty("application/json");
        var examples = body.GetProperty("examples").EnumerateObject().ToList();

        Assert.NotEmpty(examples);
        foreach (var example in examples)
        {
            using var response = await host.Http.PostAsJsonAsync(host.Api.Url($"/api/videos/{host.Clock.Id}/{operation}"), example.Value.GetProperty("value"));
            Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"{operation} example {example.Name}: {response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
    }

    [Fact]
    public async Task The_upload_body_is_the_file_field_the_api_reads()
    {
        var document = await DocumentAsync();
        var body = document.GetProperty("paths").GetProperty("/api/videos").GetProperty("post").GetProperty("requestBody").GetProperty("content");

        var form = Assert.Single(body.EnumerateObject());
        Assert.Equal("multipart/form-data", form.Name);
        var schema = form.Value.GetProperty("schema");
        Assert.Equal([UploadReceiver.FileField], schema.GetProperty("required").EnumerateArray().Select(field => field.GetString()));
        Assert.Equal("binary", schema.GetProperty("properties").GetProperty(UploadReceiver.FileField).GetProperty("format").GetString());
    }

    [Fact]
    public async Task Every_thumbnail_parameter_described_is_one_the_api_reads()
    {
        var parameters = (await DocumentAsync()).GetProperty("paths").GetProperty("/api/videos/{id}/thumbnail").GetProperty("get")
            .GetProperty("parameters").EnumerateArray().Where(parameter => parameter.GetProperty("in").GetString() == "query")
            .Select(parameter => parameter.GetProperty("name").GetString()!).ToList();

        Assert.Equal(["t", "width", "height", "format", "accurate"], parameters);
        foreach (var parameter in parameters)
        {
            // A value no parameter accepts: the 400 names the parameter when the api reads it.
            using var response = await host.Http.GetAsync(host.Api.Url($"/api/videos/{host.Clock.Id}/thumbnail?{parameter}=-x"));
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.True((await VideoApi.ProblemAsync(response)).GetProperty("errors").TryGetProperty(parameter, out _), parameter);
        }
    }
}
