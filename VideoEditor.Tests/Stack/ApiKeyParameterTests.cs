using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace VideoEditor.Tests.Stack;

/// <summary>
/// The AppHost's <c>api-key</c> parameter reaches the api as <c>Security:ApiKey</c>, read from the local-mode app model
/// (built, never started). What the api does with the key is tested on the api itself (Security/SecuredApiTests).
/// </summary>
public sealed class ApiKeyParameterTests
{
    [Fact]
    public async Task The_api_key_parameter_is_the_api_security_key()
    {
        var dataDirectory = Path.Combine(Path.GetTempPath(), "video-editor-tests", Guid.NewGuid().ToString("n"));
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.VideoEditor_AppHost>(
            ["Stack:Mode=local", $"Stack:DataDirectory={dataDirectory}", "Parameters:api-key=key-from-the-apphost"]);
        await using var app = await builder.BuildAsync();
        try
        {
            var api = app.Services.GetRequiredService<DistributedApplicationModel>().Resources.Single(resource => resource.Name == "api");
            var context = new DistributedApplicationExecutionContext(
                new DistributedApplicationExecutionContextOptions(DistributedApplicationOperation.Run) { Services = app.Services });

            var configuration = await ExecutionConfigurationBuilder.Create(api)
                .WithEnvironmentVariablesConfig()
                .BuildAsync(context, NullLogger.Instance, CancellationToken.None);

            Assert.Null(configuration.Exception);
            Assert.Equal("key-from-the-apphost", configuration.EnvironmentVariables.Single(variable => variable.Key == "Security__ApiKey").Value);
        }
        finally
        {
            if (Directory.Exists(dataDirectory))
            {
                Directory.Delete(dataDirectory, recursive: true);
            }
        }
    }
}
