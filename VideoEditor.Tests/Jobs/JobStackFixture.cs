using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using VideoEditor.Tests.Support;

namespace VideoEditor.Tests.Jobs;

/// <summary>
/// A stack of its own for the job outputs and the load run (Reliability/LoadWithFaultsTests, which restarts its queue's
/// Redis and kills its worker): a killed worker's job is taken over after 3 s, request rates and a client's jobs are
/// not limited. The hostile-load test has another of these stacks, in a collection that runs alone.
/// </summary>
public sealed class JobStackFixture : StackFixture
{
    public override Task InitializeAsync() => Stack.StartAsync(
        [],
        builder =>
        {
            builder.CreateResourceBuilder<ProjectResource>("api")
                .WithEnvironment("Security__WritesPerMinute", "100000")
                .WithEnvironment("Security__ThumbnailsPerMinute", "100000")
                .WithEnvironment("Jobs__MaxUnfinishedPerClient", "10000");
            builder.CreateResourceBuilder<ProjectResource>("worker").WithEnvironment("Jobs__ClaimAfter", "00:00:03");
        },
        "cache", "queue", "api", "worker");
}

[CollectionDefinition(Name)]
public sealed class JobStackCollection : ICollectionFixture<JobStackFixture>
{
    public const string Name = "Job stack";
}
