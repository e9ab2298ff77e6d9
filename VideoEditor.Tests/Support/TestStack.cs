using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace VideoEditor.Tests.Support;

/// <summary>
/// One run of the real AppHost in local mode under <see cref="DistributedApplicationTestingBuilder"/>, with a data
/// folder of its own that is removed afterwards. The fixtures of the suite each hold one.
/// </summary>
public sealed class TestStack : IAsyncDisposable
{
    // Five stacks start at once on two cores at the suite's start: a container stack's api was seen listening 50 s in.
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(3);
    private static readonly TimeSpan RestartTimeout = TimeSpan.FromMinutes(1);

    public string DataDirectory { get; } = Directory.CreateDirectory(
        Path.Combine(Path.GetTempPath(), "video-editor-tests", Guid.NewGuid().ToString("n"))).FullName;

    /// <summary>The stack's <c>Stack:StateDirectory</c>, inside its data folder: a test stack's silences outlive none of its runs.</summary>
    public string StateDirectory => Path.Combine(DataDirectory, "state");

    public DistributedApplication App { get; private set; } = null!;

    // As long as the in-process api's (ApiHost): while the hostile-load test saturates both cores, a class's setup
    // upload to another stack was seen to take over 30 s.
    public HttpClient Http { get; } = new() { Timeout = TimeSpan.FromSeconds(100) };

    public Uri Endpoint(string resource) => App.GetEndpoint(resource, "http");

    /// <summary>A connection to one of the stack's Redis, through the connection string the AppHost gives the services.</summary>
    public async Task<IConnectionMultiplexer> ConnectRedisAsync(string resource) =>
        await ConnectionMultiplexer.ConnectAsync((await App.GetConnectionStringAsync(resource))!);

    /// <summary>
    /// Starts the named resources of the stack with <paramref name="settings"/> (configuration as key=value) and waits
    /// until they are healthy. The other resources are left out of the app model: each one costs seconds of CPU to
    /// start and stop, and the fixtures share two cores.
    /// </summary>
    /// <remarks>
    /// A stack that does not become healthy is stopped and started once more, and fails only if that start fails too
    /// (both consoles are in the error). Seen here, rarely, with five stacks starting at once on two cores: a
    /// resource that never answered its health check. Once started, nothing is retried.
    /// </remarks>
    public async Task StartAsync(IEnumerable<string> settings, Action<IDistributedApplicationTestingBuilder> configure, params string[] resources)
    {
        try
        {
            await StartOnceAsync(settings, configure, resources);
        }
        catch (StackStartException first)
        {
            await App.DisposeAsync();
            try
            {
                await StartOnceAsync(settings, configure, resources);
            }
            catch (StackStartException second)
            {
                throw new InvalidOperationException($"The stack did not start twice.\nFirst: {first.Message}\nThen: {second.Message}", second);
            }
        }
    }

    private async Task StartOnceAsync(IEnumerable<string> settings, Action<IDistributedApplicationTestingBuilder> configure, string[] resources)
    {
        using var timeout = new CancellationTokenSource(StartTimeout);
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.VideoEditor_AppHost>(
            ["Stack:Mode=local", $"Stack:DataDirectory={DataDirectory}", $"Stack:StateDirectory={StateDirectory}", .. settings], timeout.Token);
        builder.Services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        configure(builder);
        foreach (var project in builder.Resources.OfType<ProjectResource>().ToList())
        {
            // No dashboard runs under the testing builder, yet the services are told to export OTLP to one every
            // second: they would retry a closed port for the whole run, at a few percent of a core each.
            builder.CreateResourceBuilder(project).WithEnvironment("OTEL_EXPORTER_OTLP_ENDPOINT", "");
        }

        var unused = builder.Resources
            .Where(resource => resource is ExecutableResource or ProjectResource or ContainerResource && !resources.Contains(resource.Name))
            .ToList();
        foreach (var resource in unused)
        {
            builder.Resources.Remove(resource);
        }

        App = await builder.BuildAsync(timeout.Token);
        await App.StartAsync(timeout.Token);
        foreach (var resource in resources)
        {
            try
            {
                await App.ResourceNotifications.WaitForResourceHealthyAsync(resource, timeout.Token);
            }
            catch (OperationCanceledException exception)
            {
                throw new StackStartException(
                    $"{resource} was not healthy {StartTimeout.TotalSeconds} s after the stack's start. Its console:\n{await ConsoleOfAsync(resource)}", exception);
            }
        }
    }

    /// <summary>The process id of the running resource as the orchestrator reports it (for a project: its <c>dotnet run</c>).</summary>
    public int ProcessId(string resource)
    {
        Assert.True(App.ResourceNotifications.TryGetCurrentState(resource, out var current), $"{resource} is not running");
        var pid = current.Snapshot.Properties.SingleOrDefault(property => property.Name == "executable.pid")?.Value;
        Assert.True(pid is not null, $"{resource} has no pid among {string.Join(", ", current.Snapshot.Properties.Select(property => property.Name))}");
        return Convert.ToInt32(pid, System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Starts a stopped (or ended) resource and waits until it is healthy; if it fails, says what it printed.</summary>
    public async Task StartResourceAsync(string resource)
    {
        await App.ResourceCommands.ExecuteCommandAsync(resource, KnownResourceCommands.StartCommand);
        // Right after the command the resource's state may still be the one it stopped in ("Exited", "Finished"), which
        // the default wait takes for a failed start: wait through it, for a while.
        using var timeout = new CancellationTokenSource(RestartTimeout);
        try
        {
            await App.ResourceNotifications.WaitForResourceHealthyAsync(resource, WaitBehavior.WaitOnResourceUnavailable, timeout.Token);
        }
        catch (OperationCanceledException exception)
        {
            throw new InvalidOperationException($"{resource} was not healthy {RestartTimeout.TotalSeconds} s after a start. Its console:\n{await ConsoleOfAsync(resource)}", exception);
        }
    }

    /// <summary>Every line the resource printed, in this run of the stack.</summary>
    private async Task<string> ConsoleOfAsync(string resource)
    {
        var model = App.Services.GetRequiredService<DistributedApplicationModel>().Resources.Single(candidate => candidate.Name == resource);
        var lines = new List<string>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            await foreach (var batch in App.Services.GetRequiredService<ResourceLoggerService>().GetAllAsync(model).WithCancellation(timeout.Token))
            {
                lines.AddRange(batch.Select(line => line.Content));
            }
        }
        catch (OperationCanceledException)
        {
        }

        return string.Join('\n', lines);
    }

    /// <summary>Kills the service process of a project resource with SIGKILL (nothing in it runs any more) and waits until it is gone.</summary>
    public async Task KillServiceAsync(string resource, string program)
    {
        using var service = System.Diagnostics.Process.GetProcessById(LocalMachine.ServiceProcess(ProcessId(resource), program));
        service.Kill();
        await service.WaitForExitAsync();
    }

    /// <summary>
    /// Watches the resource's console for a line containing <paramref name="text"/>, for at most <paramref name="timeout"/>:
    /// its lines so far, then new ones. Start it before what should log the line, so nothing hangs on a replay.
    /// </summary>
    public async Task<LogSearch> SearchLogAsync(string resource, string text, TimeSpan timeout)
    {
        using var watch = new CancellationTokenSource(timeout);
        var read = new Queue<string>();
        var count = 0;
        try
        {
            // Logs are kept per resource instance (worker-xxxx), not per resource name.
            var instance = await App.ResourceNotifications.WaitForResourceHealthyAsync(resource, watch.Token);
            await foreach (var batch in App.Services.GetRequiredService<ResourceLoggerService>().WatchAsync(instance.ResourceId).WithCancellation(watch.Token))
            {
                foreach (var line in batch)
                {
                    count++;
                    read.Enqueue(line.Content);
                    if (read.Count > LogSearch.LinesKept)
                    {
                        read.Dequeue();
                    }

                    if (line.Content.Contains(text, StringComparison.Ordinal))
                    {
                        return new LogSearch(true, count, [.. read]);
                    }
                }
            }
        }
        catch (OperationCanceledException)
        {
        }

        return new LogSearch(false, count, [.. read]);
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        if (App is not null)
        {
            await App.DisposeAsync();
        }

        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (UnauthorizedAccessException)
        {
            // A rootful engine's containers write as root into the folders mounted from here: left in the temp folder.
        }
    }
}

/// <summary>A resource of the stack did not become healthy in time.</summary>
public sealed class StackStartException(string message, Exception inner) : Exception(message, inner);

/// <summary>What <see cref="TestStack.SearchLogAsync"/> found, and what it read: why a line was not found.</summary>
public sealed record LogSearch(bool Found, int LinesRead, IReadOnlyList<string> LastLines)
{
    public const int LinesKept = 20;

    public override string ToString() => $"{LinesRead} console lines read, the last:\n{string.Join('\n', LastLines)}";
}
