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

        // Prometheus, inside the network, scrapes api and worker and holds the repository's rules.
        var prometheus = new PrometheusApi(http, topology.Endpoint("prometheus"));
        var targets = await Poll.UntilAsync(prometheus.TargetHealthAsync, found => found.GetValueOrDefault("api") == "up" && found.GetValueOrDefault("worker") == "up", Settle);
        Assert.True(targets.GetValueOrDefault("api") == "up" && targets.GetValueOrDefault("worker") == "up", string.Join(", ", targets));
        var rules = JsonDocument.Parse(await http.GetStringAsync(new Uri(topology.Endpoint("prometheus"), "/api/v1/rules"))).RootElement;
        Assert.NotEmpty(rules.GetProperty("data").GetProperty("groups").EnumerateArray());

        // Alertmanager runs on a config amtool accepts, its secrets in files only its user reads and nowhere else.
        var check = await topology.ExecAsync("alertmanager", "amtool", "check-config", "/alertmanager/alertmanager.yml");
        Assert.True(check.ExitCode == 0, check.ToString());
        var secrets = await topology.ExecAsync("alertmanager", "stat", "-c", "%n %U %a", "/alertmanager/slack-webhook-url", "/alertmanager/smtp-password");
        Assert.Equal("/alertmanager/slack-webhook-url nobody 600\n/alertmanager/smtp-password nobody 600", secrets.Output.Trim());
        var config = (await topology.ExecAsync("alertmanager", "cat", "/alertmanager/alertmanager.yml")).Output;
        Assert.DoesNotContain(Webhook, config);
        Assert.DoesNotContain(SmtpPassword, config);
        Assert.Contains(everySet ? "receiver: slack-and-email" : "receiver: none", config);
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
