using Xunit.Abstractions;
using Xunit.Sdk;

[assembly: TestCollectionOrderer("VideoEditor.Tests.Support.StackCollectionsFirst", "VideoEditor.Tests")]

namespace VideoEditor.Tests.Support;

/// <summary>
/// Starts the collections that run a stack before the others: they take minutes where an in-process class takes
/// seconds, so they are the critical path of a run. xunit runs as many collections at once as
/// <c>maxParallelThreads</c> in <c>xunit.runner.json</c>: every stack, and the in-process classes in the threads left.
/// </summary>
public sealed class StackCollectionsFirst : ITestCollectionOrderer
{
    public IEnumerable<ITestCollection> OrderTestCollections(IEnumerable<ITestCollection> testCollections) =>
        testCollections.OrderBy(collection => StackTests.IsStackCollection(collection.CollectionDefinition?.ToRuntimeType()) ? 0 : 1);
}
