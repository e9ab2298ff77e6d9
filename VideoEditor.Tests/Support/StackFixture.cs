using Aspire.Hosting;

namespace VideoEditor.Tests.Support;

/// <summary>
/// A collection fixture that starts one stack (<see cref="TestStack"/>) for every test of its collection, and what
/// those tests use of it.
/// </summary>
public abstract class StackFixture : IAsyncLifetime
{
    public TestStack Stack { get; } = new();

    public DistributedApplication App => Stack.App;

    public HttpClient Http => Stack.Http;

    public string DataDirectory => Stack.DataDirectory;

    /// <summary>The folder of videos the AppHost gave the api and the worker.</summary>
    public string MediaDirectory => Path.Combine(DataDirectory, "media");

    public VideoApi Api => new(Http, Endpoint("api"));

    public Uri Endpoint(string resource) => Stack.Endpoint(resource);

    public abstract Task InitializeAsync();

    public virtual async Task DisposeAsync() => await Stack.DisposeAsync();
}
