using VideoEditor.Tests.Support;

namespace VideoEditor.Tests.Stack;

/// <summary>The AppHost started as a user would, on a machine that lacks the local services.</summary>
public sealed class MissingProgramTests
{
    [Fact]
    public async Task Local_mode_without_its_programs_stops_at_once_with_one_line_naming_the_packages()
    {
        var emptyPath = Directory.CreateTempSubdirectory("no-programs-").FullName;
        try
        {
            var result = await ExternalCommand.RunAppHostAsync(
                ["--Stack:Mode=local"], new Dictionary<string, string?> { ["PATH"] = emptyPath });

            Assert.Equal(1, result.ExitCode);
            Assert.Equal(
                "Local mode needs redis-server, prometheus, prometheus-alertmanager on PATH: " +
                "run 'sudo apt-get install -y redis-server prometheus prometheus-alertmanager' (or use Stack:Mode=containers).",
                result.Error.Trim());
        }
        finally
        {
            Directory.Delete(emptyPath);
        }
    }
}
