namespace VideoEditor.AppHost.Stack;

/// <summary>Finds programs on PATH, as a shell would.</summary>
public static class ExecutableSearch
{
    public static string? Find(string program)
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? string.Empty;
        foreach (var directory in path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(directory, program);
            if (File.Exists(candidate) && IsExecutable(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    /// <summary>The first of <paramref name="programs"/> found on PATH, or null.</summary>
    public static string? FindAny(params string[] programs) =>
        programs.Select(Find).FirstOrDefault(found => found is not null);

    private static bool IsExecutable(string file) =>
        OperatingSystem.IsWindows() || (File.GetUnixFileMode(file) & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) != 0;
}
