using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using StackExchange.Redis;
using VideoEditor.AppHost.Stack;
using VideoEditor.Tests.Support;

namespace VideoEditor.Tests.Containers;

/// <summary>
/// The real AppHost in container mode on the engine that answers (Redis, Prometheus, Alertmanager, the mail catcher
/// and, where its image can be had, Grafana as containers; api and worker on the host), scraped every second, with an
/// alert that always fires. Nothing starts where <see cref="ContainerSuite.SkipReason"/> says container mode can't run.
/// </summary>
public sealed class ContainerStackFixture : StackFixture
{
    public static readonly string[] Resources = ["cache", "queue", "mail", "alertmanager", "prometheus", "api", "worker"];

    public bool HasGrafana => ContainerSuite.GrafanaSkipReason is null;

    /// <summary>Where the Alertmanager container posts Slack messages: on the host, by the name containers give it.</summary>
    public SlackStandIn Slack { get; } = new(ContainerSuite.Engine?.HostName);

    public override async Task InitializeAsync()
    {
        if (ContainerSuite.SkipReason is not null)
        {
            return;
        }

        var testRules = await TestAlert.WriteRuleFileAsync(DataDirectory);
        await Stack.StartAsync(
            [
                "Stack:Mode=containers",
                "Stack:ScrapeInterval=00:00:01",
                $"Stack:ExtraRuleFiles={testRules}",
                "Alerting:GroupWait=00:00:01",
                $"Parameters:slack-webhook-url={Slack.Url}",
                $"Parameters:heartbeat-url={Monitoring.AlertDeliveryTests.HeartbeatUrl(Slack)}",
            ],
            builder => builder.CreateResourceBuilder<ProjectResource>("api").WithEnvironment("Security__WritesPerMinute", "100000"),
            HasGrafana ? [.. Resources, "grafana"] : Resources);
    }

    public override async Task DisposeAsync()
    {
        Slack.Dispose();
        if (ContainerSuite.SkipReason is null)
        {
            await base.DisposeAsync();
            await RemoveVolumeAsync(StackSettings.StateVolumeOf(Stack.StateDirectory, "alertmanager"));
        }
    }

    /// <summary>
    /// Removes a named volume of the stack's (the engine keeps them past the run, by design), once the orchestrator has
    /// removed the container that used it.
    /// </summary>
    private static async Task RemoveVolumeAsync(string volume)
    {
        var removed = await Poll.UntilAsync(
            () => ExternalCommand.RunAsync(ContainerSuite.Engine!.Runtime, ["volume", "rm", volume]),
            result => result.ExitCode == 0 || result.Error.Contains("no such volume", StringComparison.OrdinalIgnoreCase),
            TimeSpan.FromSeconds(60));
        Assert.True(removed.ExitCode == 0 || removed.Error.Contains("no such volume", StringComparison.OrdinalIgnoreCase), removed.ToString());
    }
}

[CollectionDefinition(Name)]
public sealed class ContainerStackCollection : ICollectionFixture<ContainerStackFixture>
{
    public const string Name = "Container stack";
}
