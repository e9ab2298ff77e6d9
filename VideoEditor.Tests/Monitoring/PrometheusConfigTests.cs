using System.Text.RegularExpressions;
using VideoEditor.AppHost.Monitoring;
using VideoEditor.Tests.Support;

namespace VideoEditor.Tests.Monitoring;

/// <summary>The Prometheus configuration and rules in <c>prometheus/</c>, checked with promtool.</summary>
public sealed class PrometheusConfigTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("prometheus-config-").FullName;
    private const string Runbooks = "https://git.example/video-editor/blob/main/docs/runbooks.md";

    private readonly MonitoringFiles _files = new(Repository.Root);

    [Fact]
    public async Task Rendered_config_passes_promtool_check_config_with_the_repository_rules()
    {
        var config = Render();

        var result = await ExternalCommand.RunAsync("promtool", ["check", "config", config]);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("SUCCESS", result.Output);
        foreach (var rules in Directory.GetFiles(_files.RulesDirectory, "*.yml"))
        {
            Assert.Contains(rules, result.Output);
        }
    }

    [Fact]
    public void Rendered_config_scrapes_each_service_at_the_given_address_and_interval()
    {
        var config = File.ReadAllText(Render());

        Assert.Contains("scrape_interval: 2s", config);
        Assert.Contains("- targets: ['localhost:5001']", config);
        Assert.Contains("- targets: ['localhost:5002']", config);
        Assert.Contains("- targets: ['localhost:9093']", config);
        Assert.DoesNotContain("${", config);
    }

    [Theory]
    [InlineData("prometheus", "localhost:9090")]
    [InlineData("alertmanager", "localhost:9093")]
    public void Rendered_config_scrapes_the_alerting_path_as_its_own_job_with_a_service_label(string job, string address)
    {
        var config = File.ReadAllText(Render());

        Assert.Matches(new Regex($@"- job_name: {job}\n(?:\s+[a-z_]+: [^\n]*\n)*?\s+static_configs:\n\s+- targets: \['{address}'\]\n\s+labels:\n\s+service: {job}\n"), config);
    }

    [Fact]
    public void A_service_the_template_does_not_know_cannot_be_rendered_silently()
    {
        var error = Assert.Throws<InvalidOperationException>(() => PrometheusConfig.Write(
            _files, Path.Combine(_directory, "partial.yml"), TimeSpan.FromSeconds(2), [Path.Combine(_files.RulesDirectory, "*.yml")], Runbooks, "localhost:9093",
            [("api", "localhost:5001")]));

        Assert.Contains("WORKER_TARGET", error.Message);
    }

    [Fact]
    public async Task Rules_pass_promtool_check_rules()
    {
        var rules = Directory.GetFiles(_files.RulesDirectory, "*.yml");

        var result = await ExternalCommand.RunAsync("promtool", ["check", "rules", .. rules]);

        Assert.True(result.ExitCode == 0, result.ToString());
    }

    [Fact]
    public async Task Rule_unit_tests_pass()
    {
        var tests = Directory.GetFiles(Path.Combine(_files.PrometheusDirectory, "tests"), "*.test.yml");
        Assert.NotEmpty(tests);

        // Hours of series evaluated minute by minute (the SLO windows): some 20 s of CPU, minutes on a busy machine.
        var result = await ExternalCommand.RunAsync("promtool", ["test", "rules", .. tests], timeout: TimeSpan.FromMinutes(5));

        Assert.True(result.ExitCode == 0, result.ToString());
    }

    [Fact]
    public void Every_alert_rule_file_has_a_unit_test_file()
    {
        var rules = Directory.GetFiles(_files.RulesDirectory, "*.yml").Select(Path.GetFileNameWithoutExtension);
        var tests = Directory.GetFiles(Path.Combine(_files.PrometheusDirectory, "tests"), "*.test.yml")
            .Select(file => Path.GetFileName(file)[..^".test.yml".Length]);

        Assert.Equal(rules.Order(), tests.Order());
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string Render()
    {
        var output = Path.Combine(_directory, "prometheus.yml");
        PrometheusConfig.Write(
            _files, output, TimeSpan.FromSeconds(2), [Path.Combine(_files.RulesDirectory, "*.yml")], Runbooks, "localhost:9093",
            [("api", "localhost:5001"), ("worker", "localhost:5002"), ("prometheus", "localhost:9090")]);
        return output;
    }
}
