namespace VideoEditor.Tests.Support;

/// <summary>
/// What the tests of one class set up once and share, such as an upload that no test deletes or needs fresh. xunit
/// makes a new instance of the class for every test; this is a class fixture, so every class has one of its own.
/// </summary>
public sealed class ClassSetup
{
    private readonly Lock _lock = new();
    private Task? _setUp;

    /// <summary>Runs <paramref name="setUp"/> at the first call; every later call gets what it gave, or how it failed.</summary>
    public Task<T> OnceAsync<T>(Func<Task<T>> setUp)
    {
        lock (_lock)
        {
            _setUp ??= setUp();
            return (Task<T>)_setUp;
        }
    }
}
