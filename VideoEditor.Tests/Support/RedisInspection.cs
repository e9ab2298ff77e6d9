using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using StackExchange.Redis;

namespace VideoEditor.Tests.Support;

/// <summary>Looks into the one server a connection reaches, as an operator would.</summary>
public static class RedisInspection
{
    public static List<RedisKey> Keys(this IConnectionMultiplexer redis, string pattern) =>
        redis.GetServers().Single().Keys(pattern: pattern).ToList();

    /// <summary>A setting as the running server has it (<c>CONFIG GET</c>).</summary>
    public static async Task<string> ConfigAsync(this IConnectionMultiplexer redis, string name)
    {
        var lines = (await CliAsync(redis, "CONFIG", "GET", name)).Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        Assert.True(lines is [_, _], $"CONFIG GET {name} answered: {string.Join(" | ", lines)}");
        return lines[1];
    }

    /// <summary>How many times the server ran the commands whose lowercase names match <paramref name="command"/> (<c>INFO commandstats</c>).</summary>
    public static async Task<long> CommandCallsAsync(this IConnectionMultiplexer redis, string command) =>
        Regex.Matches(await CliAsync(redis, "INFO", "commandstats"), $"^cmdstat_(?:{command}):calls=([0-9]+)", RegexOptions.Multiline)
            .Sum(match => long.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture));

    /// <summary>CONFIG and INFO are admin commands to StackExchange.Redis: they are asked through redis-cli.</summary>
    private static async Task<string> CliAsync(IConnectionMultiplexer redis, params string[] arguments)
    {
        var (host, port) = redis.GetEndPoints().Single() switch
        {
            DnsEndPoint dns => (dns.Host, dns.Port),
            IPEndPoint ip => (ip.Address.ToString(), ip.Port),
            var other => throw new InvalidOperationException($"Unexpected Redis endpoint {other}"),
        };
        // A stack's Redis in a container has a password (the one in the connection string); a local one has none.
        string[] password = ConfigurationOptions.Parse(redis.Configuration).Password is { Length: > 0 } secret ? ["-a", secret, "--no-auth-warning"] : [];
        var result = await ExternalCommand.RunAsync("redis-cli", ["-h", host, "-p", port.ToString(CultureInfo.InvariantCulture), .. password, .. arguments]);
        Assert.True(result.ExitCode == 0, result.ToString());
        return result.Output;
    }
}
