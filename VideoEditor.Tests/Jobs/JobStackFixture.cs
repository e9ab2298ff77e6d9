using System.Globalization;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using VideoEditor.Tests.Support;

namespace VideoEditor.Tests.Jobs;

/// <summary>
/// A stack of its own for the jobs, whose tests stop and kill its worker: a killed worker's job is taken over after
/// 3 s instead of 30, and the worker's log shows trace ids.
/// </summary>
public sealed class JobStackFixture : StackFixture
{
    public static readonly TimeSpan ClaimAfter = TimeSpan.FromSeconds(3);

    public override Task InitializeAsync() => Stack.StartAsync(
        [],
        builder =>
        {
            // The collection uploads and submits from one address; the write limit has tests of its own (SecuredApiTests).
            builder.CreateResourceBuilder<ProjectResource>("api").WithEnvironment("Security__WritesPerMinute", "100000");
            builder.CreateResourceBuilder<ProjectResource>("worker")
                // Trace ids in the worker's console log, to follow a request's trace into its job.
                .WithEnvironment("Logging__Console__FormatterOptions__IncludeScopes", "true")
                .WithEnvironment("Jobs__ClaimAfter", ClaimAfter.ToString("c", CultureInfo.InvariantCulture));
        },
        "cache", "api", "worker");
}

[CollectionDefinition(Name)]
public sealed class JobStackCollection : ICollectionFixture<JobStackFixture>
{
    public const string Name = "Job stack";
}
