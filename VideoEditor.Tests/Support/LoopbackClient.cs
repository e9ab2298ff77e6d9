using System.Net;
using System.Net.Sockets;

namespace VideoEditor.Tests.Support;

/// <summary>
/// An HttpClient whose connections come from another loopback address (127.0.0.2, …): to an open api, whose clients
/// are their addresses, another client on the same machine.
/// </summary>
public static class LoopbackClient
{
    public static HttpClient From(IPAddress source) => new(new SocketsHttpHandler
    {
        ConnectCallback = async (context, cancellationToken) =>
        {
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                socket.Bind(new IPEndPoint(source, 0));
                await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
    })
    { Timeout = TimeSpan.FromSeconds(100) };
}
