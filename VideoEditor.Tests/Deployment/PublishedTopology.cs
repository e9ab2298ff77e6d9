using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.RegularExpressions;
using VideoEditor.AppHost.Stack;
using VideoEditor.Tests.Containers;
using VideoEditor.Tests.Support;

namespace VideoEditor.Tests.Deployment;

/// <summary>
/// The topology of the azd manifest started on the local engine as Container Apps would run it: every container
/// resource on one network under its resource name, with the manifest's environment (its expressions resolved,
/// parameters given), its entrypoint and arguments, and a volume for each it declares. Only external bindings are
/// public; every binding is also published on 127.0.0.1 for the tests to look inside.
/// </summary>
public sealed partial class PublishedTopology : IAsyncDisposable
{
    private readonly PublishedImages _images;
    private readonly IReadOnlyDictionary<string, string> _parameters;
    private readonly string _prefix = $"vedeploy-{Guid.NewGuid():n}"[..17];
    private readonly Dictionary<string, Dictionary<string, int>> _ports = [];
    private readonly List<string> _containers = [];
    private readonly List<string> _volumes = [];

    private PublishedTopology(PublishedImages images, IReadOnlyDictionary<string, string> parameters) =>
        (_images, _parameters) = (images, parameters);

    private JsonElement Resources => _images.Resources;

    /// <summary>Starts the topology with <paramref name="parameters"/> as the values of the manifest's parameters (generated where the manifest says so).</summary>
    public static async Task<PublishedTopology> StartAsync(PublishedImages images, IReadOnlyDictionary<string, string> parameters)
    {
        var topology = new PublishedTopology(images, parameters);
        await RunAsync(images.Cli, "network", "create", topology._prefix);
        foreach (var resource in images.Resources.EnumerateObject().Where(resource => resource.Value.GetProperty("type").GetString()!.StartsWith("container.", StringComparison.Ordinal)))
        {
            if (images.NotBuilt.ContainsKey(resource.Name))
            {
                continue;
            }

            await topology.StartContainerAsync(resource.Name, resource.Value);
        }

        return topology;
    }

    /// <summary>The address on 127.0.0.1 of a binding of a resource.</summary>
    public Uri Endpoint(string resource, string binding = "http") => new($"http://127.0.0.1:{_ports[resource][binding]}");

    /// <summary>Whether the manifest makes the binding public (external ingress).</summary>
    public bool IsExternal(string resource, string binding) =>
        Resources.GetProperty(resource).GetProperty("bindings").GetProperty(binding).TryGetProperty("external", out var external) && external.GetBoolean();

    public string ParameterValue(string name) => Resolve($"{{{name}.value}}");

    /// <summary>The URL of a binding as the manifest gives it to the containers (in Container Apps: the ingress URL).</summary>
    public string BindingUrl(string resource, string binding = "http") => Resolve($"{{{resource}.bindings.{binding}.url}}");

    /// <summary>
    /// Replaces a resource's container by a new one, as Container Apps replaces a replica (stopped with SIGTERM first):
    /// only what is on the volumes the manifest declares survives; an image's own VOLUME is a new, empty one.
    /// </summary>
    public async Task ReplaceAsync(string resource)
    {
        var container = $"{_prefix}-{resource}";
        await RunAsync(_images.Cli, "stop", container);
        await RunAsync(_images.Cli, "rm", "-v", container);
        _containers.Remove(container);
        await StartContainerAsync(resource, Resources.GetProperty(resource));
    }

    /// <summary>Runs a command inside the running container of a resource.</summary>
    public Task<ExternalCommand.Result> ExecAsync(string resource, params string[] command) =>
        ExternalCommand.RunAsync(_images.Cli, ["exec", $"{_prefix}-{resource}", .. command]);

    /// <summary>What a resource's container printed.</summary>
    public async Task<string> LogsAsync(string resource)
    {
        var logs = await ExternalCommand.RunAsync(_images.Cli, ["logs", $"{_prefix}-{resource}"]);
        return logs.Output + logs.Error;
    }

    public async ValueTask DisposeAsync()
    {
        if (_containers.Count > 0)
        {
            await ExternalCommand.RunAsync(_images.Cli, ["rm", "-f", .. _containers]);
        }

        if (_volumes.Count > 0)
        {
            await ExternalCommand.RunAsync(_images.Cli, ["volume", "rm", "-f", .. _volumes]);
        }

        await ExternalCommand.RunAsync(_images.Cli, ["network", "rm", _prefix]);
    }

    private async Task StartContainerAsync(string name, JsonElement resource)
    {
        var container = $"{_prefix}-{name}";
        List<string> arguments = ["run", "-d", "--name", container, "--network", _prefix, "--network-alias", name];
        _ports[name] = [];
        foreach (var binding in resource.GetProperty("bindings").EnumerateObject())
        {
            arguments.AddRange(["-p", $"127.0.0.1::{binding.Value.GetProperty("targetPort").GetInt32()}"]);
        }

        if (resource.TryGetProperty("env", out var environment))
        {
            foreach (var variable in environment.EnumerateObject())
            {
                arguments.AddRange(["-e", $"{variable.Name}={Resolve(variable.Value.GetString()!)}"]);
            }
        }

        if (resource.TryGetProperty("volumes", out var volumes))
        {
            foreach (var volume in volumes.EnumerateArray())
            {
                var volumeName = $"{_prefix}-{volume.GetProperty("name").GetString()}";
                if (!_volumes.Contains(volumeName))
                {
                    _volumes.Add(volumeName);
                }

                arguments.AddRange(["-v", $"{volumeName}:{volume.GetProperty("target").GetString()}"]);
            }
        }

        if (resource.TryGetProperty("entrypoint", out var entrypoint))
        {
            arguments.AddRange(["--entrypoint", entrypoint.GetString()!]);
        }

        arguments.Add(_images.Images.TryGetValue(name, out var built) ? built : PulledImage(resource.GetProperty("image").GetString()!));
        if (resource.TryGetProperty("args", out var args))
        {
            arguments.AddRange(args.EnumerateArray().Select(arg => Resolve(arg.GetString()!)));
        }

        await RunAsync(_images.Cli, [.. arguments]);
        _containers.Add(container);
        foreach (var binding in resource.GetProperty("bindings").EnumerateObject())
        {
            var port = await ExternalCommand.RunAsync(_images.Cli, ["port", container, $"{binding.Value.GetProperty("targetPort").GetInt32()}/tcp"]);
            _ports[name][binding.Name] = int.Parse(port.Output.Trim().Split('\n')[0].Split(':')[^1], CultureInfo.InvariantCulture);
        }
    }

    /// <summary>An image the manifest names (not builds): the engine's own, or its stand-in where it can't be had.</summary>
    private static string PulledImage(string reference)
    {
        var image = ContainerImage.Parse(reference);
        var pinned = StackImages.Pinned.Single(pair => pair.Value == image).Key;
        return ContainerSuite.Images!.Images[pinned].ToString();
    }

    /// <summary>Resolves the manifest's expressions (<c>{resource.bindings.http.host}</c>, <c>{parameter.value}</c>, …) as the network sees them.</summary>
    private string Resolve(string text) => Expression().Replace(text, match => Value(match.Groups["path"].Value));

    private string Value(string path)
    {
        var parts = path.Split('.');
        var resource = Resources.GetProperty(parts[0]);
        var type = resource.GetProperty("type").GetString();
        return parts[1..] switch
        {
            ["bindings", var binding, var property] => BindingValue(parts[0], resource.GetProperty("bindings").GetProperty(binding), property),
            ["connectionString"] => Resolve(resource.GetProperty("connectionString").GetString()!),
            ["value"] when type == "annotated.string" => Filter(resource, Resolve(resource.GetProperty("value").GetString()!)),
            ["value"] => Resolve(resource.GetProperty("value").GetString()!),
            ["inputs", var input] => InputValue(parts[0], resource.GetProperty("inputs").GetProperty(input)),
            _ => throw new InvalidOperationException($"The manifest expression {{{path}}} is not one this runner knows."),
        };
    }

    private static string BindingValue(string resource, JsonElement binding, string property)
    {
        var port = binding.GetProperty("targetPort").GetInt32().ToString(CultureInfo.InvariantCulture);
        var scheme = binding.GetProperty("scheme").GetString();
        return property switch
        {
            "host" => resource,
            "port" or "targetPort" => port,
            "scheme" => scheme!,
            "url" => $"{scheme}://{resource}:{port}",
            _ => throw new InvalidOperationException($"The binding property {property} is not one this runner knows."),
        };
    }

    private static string Filter(JsonElement resource, string value) =>
        resource.GetProperty("filter").GetString() == "uri" ? Uri.EscapeDataString(value) : value;

    private readonly Dictionary<string, string> _generated = [];

    private string InputValue(string parameter, JsonElement input)
    {
        if (_parameters.TryGetValue(parameter, out var given))
        {
            return given;
        }

        if (input.TryGetProperty("default", out var fallback) && fallback.TryGetProperty("generate", out _))
        {
            return _generated.TryGetValue(parameter, out var made) ? made : _generated[parameter] = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        }

        throw new InvalidOperationException($"The parameter {parameter} has no test value.");
    }

    private static async Task RunAsync(string cli, params string[] arguments)
    {
        var result = await ExternalCommand.RunAsync(cli, arguments, timeout: TimeSpan.FromMinutes(2));
        Assert.True(result.ExitCode == 0, result.ToString());
    }

    [GeneratedRegex(@"\{(?<path>[A-Za-z0-9-]+(\.[A-Za-z0-9_-]+)+)\}")]
    private static partial Regex Expression();
}
