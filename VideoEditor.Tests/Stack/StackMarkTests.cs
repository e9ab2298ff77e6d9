using VideoEditor.Tests.Support;

namespace VideoEditor.Tests.Stack;

public sealed class StackMarkTests
{
    /// <summary>An unmarked stack test would make the fast run (<c>./test.sh --fast</c>) start a stack: it fails here instead.</summary>
    [Fact]
    public void Every_test_class_that_runs_on_a_stack_carries_the_stack_trait()
    {
        var classes = typeof(StackMarkTests).Assembly.GetTypes().Where(StackTests.UsesStack).ToList();

        Assert.NotEmpty(classes);
        Assert.Empty(classes.Where(type => !StackTests.IsMarked(type)).Select(type => type.FullName));
    }
}
