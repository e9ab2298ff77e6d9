using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;

namespace VideoEditor.Tests.Support;

/// <summary>A local HTTP endpoint standing in for a Slack incoming webhook: it keeps every message posted to it.</summary>
public sealed class SlackStandIn : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly CancellationTokenSource _stop = new();

    /// <param name="hostForClients">
    /// The host name in <see cref="Url"/>. Given one (a container's name for the host), it listens on every interface:
    /// a container reaches the host at a bridge address, not at the loopback.
    /// </param>
    public SlackStandIn(string? hostForClients = null)
    {
        const string path = "/services/T0000/B0000/test/";
        var port = LocalMachine.FreeTcpPort();
        Url = $"http://{hostForClients ?? "127.0.0.1"}:{port}{path}";
        _listener.Prefixes.Add(hostForClients is null ? Url : $"http://*:{port}{path}");
        _listener.Start();
        _ = ServeAsync();
    }

    public string Url { get; }

    public ConcurrentQueue<JsonElement> Messages { get; } = new();

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Close();
        _stop.Dispose();
    }

    private async Task ServeAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception exception) when (exception is HttpListenerException or ObjectDisposedException)
            {
                return;
            }

            using (var reader = new StreamReader(context.Request.InputStream))
            {
                Messages.Enqueue(JsonDocument.Parse(await reader.ReadToEndAsync()).RootElement.Clone());
            }

            context.Response.StatusCode = 200;
            await context.Response.OutputStream.WriteAsync("ok"u8.ToArray());
            context.Response.Close();
        }
    }
}
