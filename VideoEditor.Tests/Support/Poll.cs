namespace VideoEditor.Tests.Support;

public static class Poll
{
    /// <summary>
    /// Asks again until <paramref name="condition"/> holds, for at most <paramref name="timeout"/>, and returns the last
    /// answer: the caller asserts on it, so a timeout fails with what was seen last.
    /// </summary>
    public static async Task<T> UntilAsync<T>(Func<Task<T>> probe, Func<T, bool> condition, TimeSpan timeout)
    {
        var deadline = DateTimeOffset.UtcNow + timeout;
        while (true)
        {
            var value = await probe();
            if (condition(value) || DateTimeOffset.UtcNow > deadline)
            {
                return value;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(500));
        }
    }
}
