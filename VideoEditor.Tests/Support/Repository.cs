namespace VideoEditor.Tests.Support;

/// <summary>Paths in the repository the tests run from.</summary>
public static class Repository
{
    public static string Root { get; } = FindRoot();

    public static string PathTo(params string[] parts) => Path.Combine([Root, .. parts]);

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "VideoEditor.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No VideoEditor.sln above {AppContext.BaseDirectory}.");
    }
}
