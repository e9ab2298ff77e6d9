using System.Globalization;
using VideoEditor.Tests.Containers;
using Xunit.Abstractions;

namespace VideoEditor.Tests.Deployment;

/// <summary>The images azd would build, built here from the manifest: each runs as a non-root user and carries what it needs, and nothing to build with.</summary>
[Trait("Category", "Stack")]
[Collection(PublishedImagesCollection.Name)]
public sealed class PublishedImageTests(PublishedImages images, ITestOutputHelper output)
{
    [ContainerFact]
    public async Task Every_image_of_the_manifest_is_built_and_its_size_reported()
    {
        Assert.Superset(new HashSet<string> { "api", "worker", "prometheus", "alertmanager" }, images.Images.Keys.ToHashSet());
        foreach (var (name, image) in images.Images.OrderBy(pair => pair.Key))
        {
            var bytes = long.Parse(await images.InspectAsync(image, "{{.Size}}"), CultureInfo.InvariantCulture);
            output.WriteLine($"{name}: {bytes / 1_000_000} MB");
        }

        foreach (var (name, reason) in images.NotBuilt)
        {
            output.WriteLine($"{name}: not built ({reason})");
        }
    }

    /// <summary>Grafana's image, where its base can be pulled (there is no stand-in): built, and run as Grafana's own user.</summary>
    [GrafanaFact]
    public async Task The_grafana_image_is_built_and_runs_as_grafanas_user()
    {
        Assert.True(images.Images.ContainsKey("grafana"), string.Join("; ", images.NotBuilt));

        var id = await images.RunInImageAsync(images.Images["grafana"], "id", "-u");

        Assert.Equal("472", id.Output.Trim());
    }

    [ContainerTheory]
    [InlineData("api", "app")]
    [InlineData("worker", "app")]
    [InlineData("prometheus", "nobody")]
    [InlineData("alertmanager", "nobody")]
    public async Task Runs_as_a_non_root_user(string name, string user)
    {
        var id = await images.RunInImageAsync(images.Images[name], "id", "-un");

        Assert.Equal(user, id.Output.Trim());
    }

    [ContainerTheory]
    [InlineData("api")]
    [InlineData("worker")]
    public async Task A_service_image_has_the_runtime_ffmpeg_and_its_media_folder_but_no_sdk(string name)
    {
        var image = images.Images[name];

        var sdks = await images.RunInImageAsync(image, "dotnet", "--list-sdks");
        var runtimes = await images.RunInImageAsync(image, "dotnet", "--list-runtimes");
        var tools = await images.RunInImageAsync(image, "sh", "-c", "command -v ffmpeg ffprobe setpriv && stat -c '%U %a' /data/media && touch /data/media/written");

        Assert.Equal("", sdks.Output.Trim());
        Assert.Contains("Microsoft.AspNetCore.App 10.", runtimes.Output);
        Assert.True(tools.ExitCode == 0, tools.ToString());
        Assert.EndsWith("app 755", tools.Output.Trim());
    }

    [ContainerFact]
    public async Task Prometheus_renders_its_config_from_the_environment_and_promtool_accepts_it()
    {
        var check = await images.RunInImageAsync(images.Images["prometheus"], "sh", "-c",
            "ALERTMANAGER_TARGET=alertmanager:9093 API_TARGET=api:8081 WORKER_TARGET=worker:8080 PROMETHEUS_TARGET=localhost:9090 " +
            "/usr/local/bin/render-config.sh /etc/prometheus/template/prometheus.yml /prometheus/prometheus.yml -- " +
            "promtool check config /prometheus/prometheus.yml");

        Assert.True(check.ExitCode == 0, check.ToString());
        Assert.Contains("SUCCESS", check.Output + check.Error);
    }

    /// <summary>With every parameter set, and with those a user may leave empty (no Slack, no SMTP server).</summary>
    [ContainerTheory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Alertmanager_renders_a_config_amtool_accepts_with_its_secrets_in_files_only_its_user_reads(bool everyParameterSet)
    {
        const string webhook = "https://hooks.slack.invalid/services/T/B/deployment-secret";
        const string password = "s3cret-smtp-password";
        var environment = new Dictionary<string, string>
        {
            ["SMTP_SMARTHOST"] = everyParameterSet ? "smtp.example.org:587" : "",
            ["SMTP_USERNAME"] = everyParameterSet ? "alerts" : "",
            ["SMTP_PASSWORD"] = everyParameterSet ? password : "",
            ["SLACK_WEBHOOK_URL"] = everyParameterSet ? webhook : "",
            ["ALERT_EMAIL_TO"] = "oncall@example.org",
        };

        var result = await images.RunInImageAsync(images.Images["alertmanager"], environment, "sh", "-c",
            "/usr/local/bin/render-config.sh /etc/alertmanager/template/alertmanager.yml /etc/alertmanager/rendered/alertmanager.yml -- " +
            "sh -c 'amtool check-config /etc/alertmanager/rendered/alertmanager.yml >&2 && " +
            "stat -c \"%n %U %a\" /etc/alertmanager/rendered/slack-webhook-url /etc/alertmanager/rendered/smtp-password && cat /etc/alertmanager/rendered/alertmanager.yml'");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("/etc/alertmanager/rendered/slack-webhook-url nobody 600", result.Output);
        Assert.Contains("/etc/alertmanager/rendered/smtp-password nobody 600", result.Output);
        Assert.DoesNotContain(webhook, result.Output);
        Assert.DoesNotContain(password, result.Output);
        Assert.Contains(everyParameterSet ? "receiver: slack-and-email" : "receiver: none", result.Output);
    }
}

/// <summary>
/// Runs alone, after every other collection: its builds take both cores for minutes, and stacks starting beside them
/// missed their start-up time (a red run).
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class PublishedImagesCollection : ICollectionFixture<PublishedImages>
{
    public const string Name = "Published images";
}
