using System.Collections.Concurrent;
using System.Globalization;
using System.Net.Sockets;
using System.Text;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;
using VideoEditor.Api.Videos;

namespace VideoEditor.Tests.Support;

/// <summary>
/// The real api in this process, on a real Kestrel port, with its two redis-servers (cache and queue) and a data folder
/// of its own: what the api does alone (uploads, metadata, thumbnails by ffmpeg, validation, security) is tested here
/// in seconds, without the stack. There is no worker: previews are never made, so every thumbnail comes from ffmpeg. Writes are not
/// limited, as on the stacks; uploads are limited to 12 MB; a fixture may add settings of its own.
/// </summary>
public class ApiHost : IAsyncLifetime
{
    /// <summary>Small enough that the 413 test need not send gigabytes.</summary>
    public const long MaxUploadBytes = 12_000_000;

    private readonly Dictionary<string, string> _settings;
    private readonly CapturedLog _log = new();
    private RedisServer _cache = null!;
    private RedisServer _queue = null!;
    private Factory _factory = null!;

    public ApiHost()
        : this([])
    {
    }

    /// <summary>An api with <paramref name="settings"/> (configuration keys and values) on top of the usual ones.</summary>
    protected ApiHost(Dictionary<string, string> settings)
    {
        _settings = new Dictionary<string, string>
        {
            ["Storage:DataDirectory"] = MediaDirectory,
            ["Videos:MaxUploadBytes"] = MaxUploadBytes.ToString(CultureInfo.InvariantCulture),
            // A test class uploads from one address; the write limit has tests of its own (SecuredApiTests).
            ["Security:WritesPerMinute"] = "100000",
        };
        foreach (var (key, value) in settings)
        {
            _settings[key] = value;
        }
    }

    public string DataDirectory { get; } = Directory.CreateDirectory(
        Path.Combine(Path.GetTempPath(), "video-editor-tests", Guid.NewGuid().ToString("n"))).FullName;

    /// <summary>The api's folder of videos (<c>Storage:DataDirectory</c>).</summary>
    public string MediaDirectory => Path.Combine(DataDirectory, "media");

    /// <summary>
    /// Waits as long as HttpClient does by default: while the suite's stacks start, two cores are shared by a dozen
    /// processes, and an upload here (probe and first-frame decode) was seen to take over 30 s.
    /// </summary>
    public HttpClient Http { get; } = new() { Timeout = TimeSpan.FromSeconds(100) };

    /// <summary>Where the api listens: a real socket, for the tests that talk raw TCP.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    public VideoApi Api => new(Http, BaseAddress);

    /// <summary>The api's services: what it maps, its options.</summary>
    public IServiceProvider Services => _factory.Services;

    /// <summary>The api's thumbnail cache Redis.</summary>
    public IConnectionMultiplexer Cache => _cache.Connection;

    /// <summary>The api's job queue Redis.</summary>
    public IConnectionMultiplexer Queue => _queue.Connection;

    /// <summary>
    /// Starts an upload by hand: the request and file part headers promising <paramref name="contentLength"/> bytes, then
    /// <paramref name="sent"/> of them. Returns once the api has staged it, with the stream to go on with (or drop).
    /// </summary>
    public async Task<NetworkStream> StartRawUploadAsync(TcpClient client, string fileName, int contentLength, int sent)
    {
        const string boundary = "----by-hand";
        var head = $"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{fileName}\"\r\nContent-Type: video/mp4\r\n\r\n";
        await client.ConnectAsync(BaseAddress.Host, BaseAddress.Port);
        var stream = client.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(
            $"POST /api/videos HTTP/1.1\r\nHost: {BaseAddress.Authority}\r\nContent-Type: multipart/form-data; boundary={boundary}\r\nContent-Length: {contentLength}\r\n\r\n{head}"));
        await stream.WriteAsync(new byte[sent]);
        await stream.FlushAsync();
        Assert.NotEmpty(await Poll.UntilAsync(() => Task.FromResult(MediaEntries("staging")), entries => entries.Length > 0, TimeSpan.FromSeconds(5)));
        return stream;
    }

    /// <summary>What a folder of the api's media folder holds (<c>staging</c>, <c>videos</c>), in order.</summary>
    public string[] MediaEntries(string folder)
    {
        var path = Path.Combine(MediaDirectory, folder);
        return Directory.Exists(path) ? Directory.GetFileSystemEntries(path).Order().ToArray() : [];
    }

    public Task<string> ScrapeMetricsAsync() => Http.GetStringAsync(new Uri(BaseAddress, "/metrics"));

    /// <summary>Whether a line the api logged contains <paramref name="text"/>.</summary>
    public bool LogContains(string text) => _log.Lines.Any(line => line.Contains(text, StringComparison.Ordinal));

    public virtual async Task InitializeAsync()
    {
        _cache = await RedisServer.StartAsync();
        _queue = await RedisServer.StartAsync();
        _settings[$"ConnectionStrings:{RedisConnection.Cache}"] = _cache.ConnectionString;
        _settings[$"ConnectionStrings:{RedisConnection.Queue}"] = _queue.ConnectionString;
        _factory = new Factory(_settings, _log);
        // A real Kestrel on a free port, named by the URL the api reads at start: UseKestrel(port) sets the address
        // after the host is built, which races the api's own start (minimal hosting) and then fails now and then.
        _factory.UseKestrel();
        _factory.StartServer();
        var addresses = _factory.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses;
        BaseAddress = new Uri(addresses.First());
    }

    public async Task DisposeAsync()
    {
        Http.Dispose();
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }

        foreach (var redis in new[] { _cache, _queue })
        {
            if (redis is not null)
            {
                await redis.DisposeAsync();
            }
        }

        Directory.Delete(DataDirectory, recursive: true);
    }

    /// <summary>
    /// The api's Program with the settings given as host settings (so the api reads them while it is built, as it
    /// reads its environment on the stack) and its log kept in memory. Any type of the api assembly names its entry
    /// point; its Program cannot be named (the worker has one in the global namespace too).
    /// </summary>
    private sealed class Factory(Dictionary<string, string> settings, CapturedLog log) : WebApplicationFactory<UploadReceiver>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            foreach (var (key, value) in settings)
            {
                builder.UseSetting(key, value);
            }

            builder.UseSetting(WebHostDefaults.ServerUrlsKey, "http://127.0.0.1:0");

            builder.ConfigureLogging(logging => logging.ClearProviders().AddProvider(log));
        }
    }

    /// <summary>Every line the api logs, kept in memory: the test output stays readable with many hosts in one process.</summary>
    private sealed class CapturedLog : ILoggerProvider, ILogger
    {
        public ConcurrentQueue<string> Lines { get; } = new();

        public ILogger CreateLogger(string categoryName) => this;

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Lines.Enqueue($"{logLevel}: {formatter(state, exception)}");

        public void Dispose()
        {
        }
    }
}
