using System.Text.Json;
using System.Text.RegularExpressions;
using VideoEditor.Tests.Support;

namespace VideoEditor.Tests.Deployment;

/// <summary>What azd deploys: the manifest of the AppHost in publish mode describes a system that can run as containers.</summary>
public sealed partial class ManifestTests(ManifestFixture manifest) : IClassFixture<ManifestFixture>
{
    [Theory]
    [InlineData("api")]
    [InlineData("worker")]
    public void A_deployed_service_traces_one_request_in_ten(string service)
    {
        Assert.Equal("parentbased_traceidratio", Env(service)["OTEL_TRACES_SAMPLER"]);
        Assert.Equal("0.1", Env(service)["OTEL_TRACES_SAMPLER_ARG"]);
    }

    [Theory]
    [InlineData("api")]
    [InlineData("worker")]
    [InlineData("prometheus")]
    [InlineData("alertmanager")]
    [InlineData("grafana")]
    public void Services_are_built_from_dockerfiles_that_exist(string name)
    {
        var resource = manifest.Resources.GetProperty(name);
        var build = resource.GetProperty("build");

        Assert.StartsWith("container.", resource.GetProperty("type").GetString());
        Assert.True(Directory.Exists(manifest.Resolve(build.GetProperty("context").GetString()!)));
        Assert.True(File.Exists(manifest.Resolve(build.GetProperty("dockerfile").GetString()!)));
        Assert.StartsWith(Repository.Root, manifest.Resolve(build.GetProperty("context").GetString()!));
    }

    [Theory]
    [InlineData("api", "VideoEditor.Api")]
    [InlineData("worker", "VideoEditor.Worker")]
    public void Api_and_worker_are_their_projects_in_an_image_with_ffmpeg_run_by_a_non_root_user(string name, string project)
    {
        var build = manifest.Resources.GetProperty(name).GetProperty("build");
        var dockerfile = File.ReadAllText(manifest.Resolve(build.GetProperty("dockerfile").GetString()!));

        Assert.Equal(project, build.GetProperty("args").GetProperty("PROJECT").GetString());
        Assert.True(File.Exists(Repository.PathTo(project, $"{project}.csproj")));
        Assert.Matches(@"apt-get install[^\n]*ffmpeg", dockerfile);
        Assert.Equal("USER app", dockerfile.Split('\n').Last(line => line.StartsWith("USER ", StringComparison.Ordinal)).Trim());
        Assert.Contains(Volumes(name), volume => volume.Target == "/data/media");
        Assert.Equal("/data/media", Env(name)["Storage__DataDirectory"]);
    }

    [Fact]
    public void The_queue_redis_is_a_container_that_never_evicts_with_persistence_on_a_volume()
    {
        var queue = manifest.Resources.GetProperty("queue");

        Assert.Equal("container.v0", queue.GetProperty("type").GetString());
        Assert.Matches("redis:[0-9]", queue.GetProperty("image").GetString());
        Assert.Contains(Volumes("queue"), volume => volume.Target == "/data" && volume.Name == "video-editor-redis");
        Assert.Contains(" --save ", RedisCommand("queue"));
        Assert.EndsWith(" --maxmemory-policy noeviction --appendonly yes", RedisCommand("queue"));
    }

    [Fact]
    public void The_cache_redis_is_a_bounded_container_that_evicts_the_least_recently_used_and_keeps_nothing()
    {
        var cache = manifest.Resources.GetProperty("cache");

        Assert.Equal("container.v0", cache.GetProperty("type").GetString());
        Assert.Matches("redis:[0-9]", cache.GetProperty("image").GetString());
        Assert.False(cache.TryGetProperty("volumes", out _));
        Assert.EndsWith(" --maxmemory 256mb --maxmemory-policy allkeys-lru --save '' --appendonly no", RedisCommand("cache"));
    }

    [Theory]
    [InlineData("api", "cache queue")]
    [InlineData("worker", "queue")]
    public void A_service_is_given_the_connection_string_of_each_redis_it_uses_and_no_other(string service, string redis)
    {
        var connectionStrings = Env(service).Where(variable => variable.Key.StartsWith("ConnectionStrings__", StringComparison.Ordinal)).ToList();

        Assert.Equal(
            redis.Split(' ').Select(resource => ($"ConnectionStrings__{resource}", $"{{{resource}.connectionString}}")),
            connectionStrings.Select(variable => (variable.Key, variable.Value)).Order());
    }

    [Fact]
    public void Nothing_is_bind_mounted_and_no_local_path_reaches_a_container()
    {
        foreach (var resource in manifest.Resources.EnumerateObject())
        {
            Assert.False(resource.Value.TryGetProperty("bindMounts", out _), $"{resource.Name} has bind mounts");
            var settings = new[] { "env", "args" }
                .Where(property => resource.Value.TryGetProperty(property, out _))
                .Select(property => resource.Value.GetProperty(property).GetRawText());
            Assert.All(settings, text =>
            {
                Assert.DoesNotContain(Path.GetTempPath().TrimEnd('/'), text);
                Assert.DoesNotContain(Repository.Root, text);
            });
        }
    }

    [Theory]
    [InlineData("slack-webhook-url")]
    [InlineData("smtp-password")]
    [InlineData("grafana-admin-password")]
    [InlineData("api-key")]
    public void Secrets_are_secret_parameters(string name)
    {
        var parameter = manifest.Resources.GetProperty(name);

        Assert.Equal("parameter.v0", parameter.GetProperty("type").GetString());
        Assert.True(parameter.GetProperty("inputs").GetProperty("value").GetProperty("secret").GetBoolean());
    }

    [Fact]
    public void Only_the_api_and_grafana_are_reachable_from_outside()
    {
        var external = manifest.Resources.EnumerateObject()
            .Where(resource => resource.Value.TryGetProperty("bindings", out _))
            .SelectMany(resource => resource.Value.GetProperty("bindings").EnumerateObject()
                .Where(binding => binding.Value.TryGetProperty("external", out var flag) && flag.GetBoolean())
                .Select(binding => $"{resource.Name}.{binding.Name}"))
            .ToList();

        Assert.Equal(["api.http", "grafana.http"], external.Order());
    }

    [Fact]
    public void The_api_serves_health_and_metrics_on_an_internal_port_that_prometheus_scrapes()
    {
        var management = manifest.Resources.GetProperty("api").GetProperty("bindings").GetProperty("management");

        Assert.False(management.TryGetProperty("external", out var external) && external.GetBoolean());
        Assert.Equal(management.GetProperty("targetPort").GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture), Env("api")["Management__Port"]);
        Assert.Equal("{api.bindings.management.host}:{api.bindings.management.port}", Env("prometheus")["API_TARGET"]);
        Assert.Equal("{worker.bindings.http.host}:{worker.bindings.http.port}", Env("prometheus")["WORKER_TARGET"]);
        Assert.Equal("{alertmanager.bindings.http.host}:{alertmanager.bindings.http.port}", Env("prometheus")["ALERTMANAGER_TARGET"]);
        Assert.Equal("{prometheus.bindings.http.url}", Env("grafana")["PROMETHEUS_URL"]);
    }

    [Fact]
    public void Prometheus_scrapes_itself_in_its_container()
    {
        Assert.Equal("localhost:9090", Env("prometheus")["PROMETHEUS_TARGET"]);
        Assert.Equal(9090, manifest.Resources.GetProperty("prometheus").GetProperty("bindings").GetProperty("http").GetProperty("targetPort").GetInt32());
    }

    /// <summary>azd makes the binding's URL the Container Apps ingress URL (internal: <c>http://prometheus.internal.&lt;environment domain&gt;</c>).</summary>
    [Theory]
    [InlineData("prometheus")]
    [InlineData("alertmanager")]
    public void Prometheus_and_alertmanager_link_to_their_ingress_url_and_serve_at_the_root(string name)
    {
        var args = manifest.Resources.GetProperty(name).GetProperty("args").EnumerateArray().Select(argument => argument.GetString()).ToList();

        Assert.Equal([$"--web.external-url={{{name}.bindings.http.url}}", "--web.route-prefix=/"], args);
    }

    [Fact]
    public void Alertmanager_keeps_its_state_on_a_volume_and_its_rendered_config_and_secrets_off_it()
    {
        var dockerfile = File.ReadAllText(manifest.Resolve(manifest.Resources.GetProperty("alertmanager").GetProperty("build").GetProperty("dockerfile").GetString()!));
        var entrypoint = JsonDocument.Parse(EntrypointLine().Match(dockerfile).Groups["json"].Value.Replace("\\\n", "", StringComparison.Ordinal)).RootElement
            .EnumerateArray().Select(argument => argument.GetString()!).ToList();

        Assert.Contains(("video-editor-alertmanager", "/alertmanager"), Volumes("alertmanager"));
        Assert.Contains("--storage.path=/alertmanager", entrypoint);
        // render-config.sh TEMPLATE OUTPUT: the secrets' files go beside the output.
        var rendered = entrypoint[entrypoint.IndexOf("/usr/local/bin/render-config.sh") + 2];
        Assert.False(rendered.StartsWith("/alertmanager/", StringComparison.Ordinal), rendered);
        Assert.Contains($"--config.file={rendered}", entrypoint);
    }

    [Theory]
    [InlineData("prometheus", "prometheus.yml")]
    [InlineData("alertmanager", "alertmanager.yml")]
    public void Every_placeholder_of_a_baked_template_gets_a_value_in_the_container(string name, string template)
    {
        var dockerfile = File.ReadAllText(manifest.Resolve(manifest.Resources.GetProperty(name).GetProperty("build").GetProperty("dockerfile").GetString()!));
        var given = Env(name).Keys
            .Concat(DockerfileEnv().Matches(dockerfile).Select(match => match.Groups["name"].Value))
            // Computed by render-config.sh itself.
            .Concat(["SLACK_WEBHOOK_FILE", "SMTP_PASSWORD_FILE", "CRITICAL_RECEIVER", "WARNING_RECEIVER", "HEARTBEAT_RECEIVER"])
            .ToHashSet();
        var placeholders = Placeholder().Matches(File.ReadAllText(Repository.PathTo("prometheus", template))).Select(match => match.Groups[1].Value).ToHashSet();

        Assert.Empty(placeholders.Except(given));
    }

    /// <summary>What the api does with the key is tested on the api itself (Security/SecuredApiTests).</summary>
    [Fact]
    public void The_api_key_parameter_is_the_api_security_key()
    {
        Assert.Equal("{api-key.value}", Env("api")["Security__ApiKey"]);
    }

    /// <summary>A deployment names where its runbooks are read (azd asks): the links in notifications lead there.</summary>
    [Fact]
    public void Prometheus_takes_the_runbooks_address_from_a_parameter_without_default()
    {
        var parameter = manifest.Resources.GetProperty("runbook-url");

        Assert.Equal("parameter.v0", parameter.GetProperty("type").GetString());
        Assert.False(parameter.GetProperty("inputs").GetProperty("value").TryGetProperty("default", out _));
        Assert.Equal("{runbook-url.value}", Env("prometheus")["RUNBOOK_URL"]);
    }

    [Fact]
    public void Grafana_requires_a_login_outside_development()
    {
        var dockerfile = File.ReadAllText(Repository.PathTo("grafana", "Dockerfile"));

        Assert.Contains("GF_AUTH_ANONYMOUS_ENABLED=false", dockerfile);
        Assert.Equal("{grafana-admin-password.value}", Env("grafana")["GF_SECURITY_ADMIN_PASSWORD"]);
    }

    [Theory]
    [InlineData("api")]
    [InlineData("prometheus")]
    [InlineData("alertmanager")]
    [InlineData("grafana")]
    public void Dockerfiles_copy_only_files_that_exist(string name)
    {
        var build = manifest.Resources.GetProperty(name).GetProperty("build");
        var context = manifest.Resolve(build.GetProperty("context").GetString()!);
        var sources = CopyLine().Matches(File.ReadAllText(manifest.Resolve(build.GetProperty("dockerfile").GetString()!)))
            .SelectMany(match => match.Groups["paths"].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries).SkipLast(1))
            .ToList();

        Assert.NotEmpty(sources);
        Assert.All(sources, source => Assert.True(Path.Exists(Path.Combine(context, source)), $"{source} is not in {context}"));
    }

    /// <summary>
    /// Grafana's image can't be built where its base can't be pulled: what it bakes in is checked against the official
    /// image's layout instead (provisioning read from /etc/grafana/provisioning, the dashboards provider's folder).
    /// </summary>
    [Fact]
    public void Grafana_bakes_its_provisioning_where_the_official_image_reads_it()
    {
        var dockerfile = File.ReadAllText(Repository.PathTo("grafana", "Dockerfile"));
        var provider = File.ReadAllText(Repository.PathTo("grafana", "provisioning", "dashboards", "video-editor.yml"));

        Assert.Contains("COPY provisioning/ /etc/grafana/provisioning/", dockerfile);
        Assert.Contains("COPY dashboards/ /var/lib/grafana/dashboards/", dockerfile);
        Assert.Contains("GRAFANA_DASHBOARDS_DIR=/var/lib/grafana/dashboards", dockerfile);
        Assert.Contains("path: ${GRAFANA_DASHBOARDS_DIR}", provider);
        Assert.NotEmpty(Directory.GetFiles(Repository.PathTo("grafana", "dashboards"), "*.json"));
        Assert.NotEmpty(Directory.GetFiles(Repository.PathTo("grafana", "provisioning", "datasources"), "*.yml"));
    }

    [Fact]
    public void Azure_yaml_points_azd_at_the_apphost()
    {
        var azure = File.ReadAllText(Repository.PathTo("azure.yaml"));

        Assert.Matches(@"project:\s*\./VideoEditor\.AppHost/VideoEditor\.AppHost\.csproj", azure);
        Assert.Matches(@"host:\s*containerapp", azure);
    }

    private Dictionary<string, string> Env(string name) =>
        manifest.Resources.GetProperty(name).GetProperty("env").EnumerateObject().ToDictionary(variable => variable.Name, variable => variable.Value.GetString()!);

    /// <summary>The shell command a Redis container runs (the integration's <c>/bin/sh -c "redis-server …"</c>).</summary>
    private string RedisCommand(string name) =>
        manifest.Resources.GetProperty(name).GetProperty("args").EnumerateArray().Select(argument => argument.GetString()!).ToList() is [.., "-c", var command]
            ? command
            : throw new Xunit.Sdk.XunitException($"{name} does not run redis-server through 'sh -c'");

    private List<(string Name, string Target)> Volumes(string name) =>
        manifest.Resources.GetProperty(name).GetProperty("volumes").EnumerateArray()
            .Select(volume => (volume.GetProperty("name").GetString()!, volume.GetProperty("target").GetString()!))
            .ToList();

    [GeneratedRegex(@"^ENTRYPOINT (?<json>\[.*?\])\s*$", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex EntrypointLine();

    [GeneratedRegex(@"^COPY (?!--from)(?<paths>[^\n]+)$", RegexOptions.Multiline)]
    private static partial Regex CopyLine();

    [GeneratedRegex(@"(?:^ENV |^\s{4})(?<name>[A-Z][A-Z0-9_]*)=", RegexOptions.Multiline)]
    private static partial Regex DockerfileEnv();

    [GeneratedRegex(@"\$\{([A-Z][A-Z0-9_]*)\}")]
    private static partial Regex Placeholder();
}
