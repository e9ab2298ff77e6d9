using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using VideoEditor.Api.Reference;

namespace VideoEditor.Tests.Reference;

/// <summary>The api's link on the Aspire dashboard, from the AppHost's model (local mode, built and never started).</summary>
public sealed class DashboardLinkTests : IAsyncLifetime
{
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "video-editor-tests", Guid.NewGuid().ToString("n"));
    private DistributedApplication _app = null!;

    public async Task InitializeAsync()
    {
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.VideoEditor_AppHost>(
            ["Stack:Mode=local", $"Stack:DataDirectory={_dataDirectory}"]);
        _app = await builder.BuildAsync();
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        if (Directory.Exists(_dataDirectory))
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
    }

    private ProjectResource Api => _app.Services.GetRequiredService<DistributedApplicationModel>().Resources.OfType<ProjectResource>().Single(resource => resource.Name == "api");

    [Fact]
    public async Task The_api_endpoint_is_shown_as_its_api_reference()
    {
        // What Aspire does once the endpoint has its address: one URL for it, then every URL callback of the resource
        // (a relative URL is then put on the endpoint's address).
        List<ResourceUrlAnnotation> urls = [new() { Url = "http://localhost:5123", Endpoint = Api.GetEndpoint("http") }];
        var context = new ResourceUrlsCallbackContext(new DistributedApplicationExecutionContext(DistributedApplicationOperation.Run), Api, urls);
        foreach (var annotation in Api.Annotations.OfType<ResourceUrlsCallbackAnnotation>())
        {
            await annotation.Callback(context);
        }

        var url = Assert.Single(urls);
        Assert.Equal("API reference", url.DisplayText);
        Assert.Equal(ApiReference.Path, url.Url);
    }

    [Fact]
    public async Task The_api_runs_in_the_environment_that_serves_the_page()
    {
        var variables = new Dictionary<string, object>();
        var context = new EnvironmentCallbackContext(new DistributedApplicationExecutionContext(DistributedApplicationOperation.Run), Api, variables);
        foreach (var annotation in Api.Annotations.OfType<EnvironmentCallbackAnnotation>())
        {
            await annotation.Callback(context);
        }

        // The testing builder runs the AppHost as Development, as its launch profile does.
        Assert.Equal(Environments.Development, variables["ASPNETCORE_ENVIRONMENT"]);
    }
}
