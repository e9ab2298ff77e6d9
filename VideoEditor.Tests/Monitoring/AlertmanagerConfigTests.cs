using VideoEditor.AppHost.Monitoring;
using VideoEditor.Tests.Support;

namespace VideoEditor.Tests.Monitoring;

/// <summary>The Alertmanager configuration in <c>prometheus/</c>, checked with amtool.</summary>
public sealed class AlertmanagerConfigTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("alertmanager-config-").FullName;

    [Fact]
    public async Task Rendered_config_passes_amtool_check_config()
    {
        var config = Path.Combine(_directory, "alertmanager.yml");
        AlertmanagerConfig.Write(new MonitoringFiles(Repository.Root), config, "127.0.0.1:2525");

        var result = await ExternalCommand.RunAsync("amtool", ["check-config", config]);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("smtp_smarthost: 127.0.0.1:2525", File.ReadAllText(config).Replace("'", ""));
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
