using System.Net.Sockets;
using System.Text;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace VideoEditor.AppHost.Redis;

/// <summary>
/// Healthy when the server answers <c>PING</c> with <c>+PONG</c>; a Redis still loading its append-only file
/// answers <c>-LOADING</c> and is not ready yet.
/// </summary>
public sealed class RedisPingHealthCheck(IResourceWithConnectionString redis) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var connectionString = await redis.ConnectionStringExpression.GetValueAsync(cancellationToken);
        if (connectionString?.Split(':') is not [var host, var portText] || !int.TryParse(portText, out var port))
        {
            return HealthCheckResult.Unhealthy($"Unexpected connection string '{connectionString}'.");
        }

        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(host, port, cancellationToken);
            var stream = client.GetStream();
            await stream.WriteAsync("PING\r\n"u8.ToArray(), cancellationToken);

            var buffer = new byte[64];
            var read = await stream.ReadAsync(buffer, cancellationToken);
            var reply = Encoding.ASCII.GetString(buffer, 0, read).TrimEnd();
            return reply == "+PONG" ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy($"PING answered '{reply}'.");
        }
        catch (SocketException exception)
        {
            return HealthCheckResult.Unhealthy("Redis does not accept connections.", exception);
        }
    }
}
