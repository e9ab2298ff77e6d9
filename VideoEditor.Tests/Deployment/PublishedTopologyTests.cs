using System.Net;
using System.Text.Json;
using VideoEditor.Tests.Containers;
using VideoEditor.Tests.Support;

namespace VideoEditor.Tests.Deployment;

/// <summary>
/// The published topology started from the manifest on the local engine (<see cref="PublishedTopology"/>), once with a
/// value for every parameter and once with those a user may leave empty, and used through the api's public port.
/// </summary>
[Trait("Category", "Stack")]
[Collection(PublishedImagesCollection.Name)]
public sealed class PublishedTopologyTests(PublishedImages images)
{
    private const string ApiKey = "deployment-test-key";
    private const string Webhook = "https://hooks.slack.invalid/services/T/B/deployment-secret";
    private const string SmtpPassword = "s3cret-smtp-password";
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(90);

    public static TheoryData<string> ParameterSets => ["every parameter set", "optional parameters left empty"];

    [ContainerTheory]
    [MemberData(nameof(ParameterSets))]
    public async Task Runs_as_published_serves_only_the_api_publicly_and_watches_itself(string parameterSet)
    {
        var everySet = parameterSet == "every parameter set";
        await using var topology = await PublishedTopology.StartAsync(images, new Dictionary<string, string>
        {
            ["api-key"] = ApiKey,
            ["slack-webhook-url"] = everySet ? Webhook : "",
            ["smtp-smarthost"] = everySet ? "smtp.example.org:587" : "",
            ["smtp-username"] = everySet ? "alerts" : "",
            ["smtp-password"] = everySet ? SmtpPassword : "",
            ["alert-email-to"] = "oncall@example.org",
            ["heartbeat-url"] = everySet ? "http://heartbeat.invalid/ping" : "",
            ["grafana-admin-password"] = "grafana-test-password",
            ["runbook-url"] = "https://git.example/video-editor/blob/main/docs/runbooks.md",
        });
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(60) };
        var health = await Poll.UntilAsync(() => StatusAsync(http, new Uri(topology.Endpoint("api", "management"), "/health")), status => status == HttpStatusCode.OK, Settle);
        Assert.True(health == HttpStatusCode.OK, $"api not healthy: {health}\n{await topology.LogsAsync("api")}");

        // The public port: the api refuses a call without its key, and serves one with it, the worker doing the job.
        Assert.True(topology.IsExternal("api", "http"));
        Assert.False(topology.IsExternal("api", "management"));
        var publicPort = topology.Endpoint("api", "http");
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(http, new Uri(publicPort, "/api/videos")));
        http.DefaultRequestHeaders.Add("X-Api-Key", ApiKey);
        var api = new VideoApi(http, publicPort);
        var video = await api.UploadAsync((await TestMedia.GetAsync()).Clock);
        using (var thumbnail = await http.GetAsync(api.Url($"/api/videos/{video.Id}/thumbnail?t=4.5&accurate=true&format=png")))
        {
            Assert.Equal(HttpStatusCode.OK, thumbnail.StatusCode);
            Assert.Equal(TestMedia.ColorAt(4.5), await MediaInspector.CenterColorAsync(await thumbnail.Content.ReadAsByteArrayAsync(), ".png"));
        }

        var job = await api.WaitForJobAsync((await api.SubmitAsync(video.Id, "trim", new { start = 1, end = 3, mode = "accurate" })).Id, TimeSpan.FromSeconds(120));
        Assert.True(job.Status == "succeeded", $"{job.Status} {job.Error}\n{await topology.LogsAsync("worker")}");

        // The management paths are not served on the public port, whatever the request says it is for.
        foreach (var path in new[] { "/metrics", "/health", "/alive" })
        {
            foreach (var host in new[] { null, "localhost:8081", "api:8081", "127.0.0.1:8081" })
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(publicPort, path));
                if (host is not null)
                {
                    request.Headers.Host = host;
                }

                using var response = await http.SendAsync(request);
                Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{path} with Host {host ?? "(none)"}: {response.StatusCode}");
            }
        }

        // Prometheus, inside the network, scrapes api, worker, itself and Alertmanager and holds the repository's rules.
        var prometheus = new PrometheusApi(http, topology.Endpoint("prometheus"));
        string[] jobs = ["api", "worker", "prometheus", "alertmanager"];
        var targets = await Poll.UntilAsync(prometheus.TargetHealthAsync, found => jobs.All(job => found.GetValueOrDefault(job) == "up"), Settle);
        Assert.True(jobs.All(job => targets.GetValueOrDefault(job) == "up"), string.Join(", ", targets));
        var rules = JsonDocument.Parse(await http.GetStringAsync(new Uri(topology.Endpoint("prometheus"), "/api/v1/rules"))).RootElement;
        Assert.NotEmpty(rules.GetProperty("data").GetProperty("groups").EnumerateArray());

        // Alerts link to Prometheus at its ingress URL (here its name on the network), given through the entrypoint.
        var watchdog = await Poll.UntilAsync(() => WatchdogAsync(http, topology.Endpoint("alertmanager")), alert => alert is not null, Settle);
        Assert.True(watchdog is not null, $"no Watchdog in Alertmanager\n{await topology.LogsAsync("prometheus")}");
        Assert.StartsWith($"{topology.BindingUrl("prometheus")}/graph?", watchdog.Value.GetProperty("generatorURL").GetString());

        // A silence outlives the Alertmanager container: its state is on the volume the manifest declares.
        var silence = await topology.ExecAsync("alertmanager", "amtool", "--alertmanager.url=http://localhost:9093", "silence", "add",
            "alertname=DeploymentRehearsal", "--duration=1h", "--comment=outlives a restart", "--author=tests");
        Assert.True(silence.ExitCode == 0, silence.ToString());
        await topology.ReplaceAsync("alertmanager");
        var kept = await Poll.UntilAsync(
            () => topology.ExecAsync("alertmanager", "amtool", "--alertmanager.url=http://localhost:9093", "silence", "query", "--quiet"),
            query => query.ExitCode == 0,
            Settle);
        Assert.Equal(silence.Output.Trim(), kept.Output.Trim());

        // Alertmanager runs on a config amtool accepts, its secrets in files only its user reads and nowhere else.
        const string rendered = "/etc/alertmanager/rendered";
        var check = await topology.ExecAsync("alertmanager", "amtool", "check-config", $"{rendered}/alertmanager.yml");
        Assert.True(check.ExitCode == 0, check.ToString());
        var secrets = await topology.ExecAsync("alertmanager", "stat", "-c", "%n %U %a", $"{rendered}/slack-webhook-url", $"{rendered}/smtp-password");
        Assert.Equal($"{rendered}/slack-webhook-url nobody 600\n{rendered}/smtp-password nobody 600", secrets.Output.Trim());
        var config = (await topology.ExecAsync("alertmanager", "cat", $"{rendered}/alertmanager.yml")).Output;
        Assert.DoesNotContain(Webhook, config);
        Assert.DoesNotContain(SmtpPassword, config);
        Assert.Contains(everySet ? "receiver: slack-and-email" : "receiver: none", config);
    }

    private static async Task<JsonElement?> WatchdogAsync(HttpClient http, Uri alertmanager)
    {
        try
        {
            var alerts = JsonDocument.Parse(await http.GetStringAsync(new Uri(alertmanager, "/api/v2/alerts?filter=alertname%3D%22Watchdog%22"))).RootElement;
            return alerts.GetArrayLength() > 0 ? alerts[0].Clone() : null;
        }
        catch (HttpRequestException)
        {
            return null;
        }
    }

    private static async Task<HttpStatusCode?> StatusAsync(HttpClient http, Uri url)
    {
        try
        {
            using var response = await http.GetAsync(url);
            return response.StatusCode;
        }
        catch (HttpRequestException)
        {
            return null;
        }
    }
}
