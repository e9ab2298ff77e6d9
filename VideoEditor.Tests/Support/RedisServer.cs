using System.Diagnostics;
using System.Globalization;
using System.Text;
using StackExchange.Redis;

namespace VideoEditor.Tests.Support;

/// <summary>
/// A real redis-server of one test fixture's own: a free loopback port, a folder of its own and no persistence,
/// stopped and removed on dispose. It is started through <c>setpriv --pdeathsig KILL</c> from a thread that lives as
/// long as it does, so a test run that dies (aborted, killed) takes it along instead of leaving it running.
/// </summary>
public sealed class RedisServer : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(10);

    private readonly string _directory = Directory.CreateTempSubdirectory("redis-").FullName;
    private Process? _process;

    private RedisServer()
    {
    }

    public int Port { get; private set; }

    /// <summary>The connection string the services take (<c>ConnectionStrings:cache</c> or <c>ConnectionStrings:queue</c>).</summary>
    public string ConnectionString => $"127.0.0.1:{Port}";

    /// <summary>A connection for the test itself, to look at what the service keeps.</summary>
    public IConnectionMultiplexer Connection { get; private set; } = null!;

    public static async Task<RedisServer> StartAsync()
    {
        var server = new RedisServer();
        try
        {
            // The free port may be taken by another process before redis-server binds it: then try another.
            for (var attempt = 1; await server.TryLaunchAsync() is { } log; attempt++)
            {
                Assert.True(attempt < 3, $"redis-server did not start:\n{log}");
            }
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }

        return server;
    }

    /// <summary>Starts redis-server on a free port: null once it listens, else what it logged before it exited.</summary>
    private async Task<string?> TryLaunchAsync()
    {
        Port = LocalMachine.FreeTcpPort();
        var launched = new TaskCompletionSource<Process>(TaskCreationOptions.RunContinuationsAsynchronously);
        new Thread(() =>
        {
            Process process;
            try
            {
                process = Process.Start(new ProcessStartInfo("setpriv")
                {
                    ArgumentList =
                    {
                        "--pdeathsig", "KILL", "--", "redis-server",
                        "--port", Port.ToString(CultureInfo.InvariantCulture), "--bind", "127.0.0.1",
                        "--dir", _directory, "--save", "", "--appendonly", "no",
                    },
                    RedirectStandardOutput = true,
                    UseShellExecute = false,
                })!;
            }
            catch (Exception exception)
            {
                launched.SetException(exception);
                return;
            }

            launched.SetResult(process);
            // The kernel kills redis-server when this thread ends, so the thread waits for it.
            process.WaitForExit();
        }) { IsBackground = true, Name = $"redis-server {Port}" }.Start();
        _process = await launched.Task;

        // Its log says when it listens; a port taken meanwhile by another process makes it log why and exit instead.
        using var timeout = new CancellationTokenSource(StartTimeout);
        var log = new StringBuilder();
        while (await _process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
        {
            log.AppendLine(line);
            if (line.Contains("Ready to accept connections", StringComparison.Ordinal))
            {
                // The rest of its log is read and dropped, so that a full pipe never blocks it.
                _ = _process.StandardOutput.ReadToEndAsync();
                Connection = await ConnectionMultiplexer.ConnectAsync(ConnectionString);
                return null;
            }
        }

        return log.ToString();
    }

    public async ValueTask DisposeAsync()
    {
        if (Connection is not null)
        {
            await Connection.DisposeAsync();
        }

        if (_process is not null)
        {
            if (!_process.HasExited)
            {
                _process.Kill();
            }

            await _process.WaitForExitAsync();
            _process.Dispose();
        }

        Directory.Delete(_directory, recursive: true);
    }
}
