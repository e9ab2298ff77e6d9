using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Hosting;
using VideoEditor.Tests.Support;

namespace VideoEditor.Tests.Deployment;

/// <summary>With Management:Port set, as in a deployment, /health, /alive and /metrics answer on that port only.</summary>
public sealed class ManagementPortTests
{
    [Fact]
    public async Task Health_and_metrics_answer_on_the_management_port_only()
    {
        var (publicPort, managementPort) = (LocalMachine.FreeTcpPort(), LocalMachine.FreeTcpPort());
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.WebHost.UseUrls($"http://127.0.0.1:{publicPort}", $"http://127.0.0.1:{managementPort}");
        builder.Configuration["Management:Port"] = managementPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
        builder.AddServiceDefaults();
        await using var app = builder.Build();
        app.MapDefaultEndpoints();
        app.MapGet("/api/ping", () => "pong");
        await app.StartAsync();
        using var http = new HttpClient();

        foreach (var path in new[] { "/health", "/alive", "/metrics" })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync($"http://127.0.0.1:{publicPort}{path}")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync($"http://127.0.0.1:{managementPort}{path}")).StatusCode);
            // The port the request came in on decides, not the Host header a client writes or a port mapping rewrites.
            Assert.Equal(HttpStatusCode.NotFound, (await GetWithHostAsync(http, $"http://127.0.0.1:{publicPort}{path}", $"api:{managementPort}")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await GetWithHostAsync(http, $"http://127.0.0.1:{managementPort}{path}", $"127.0.0.1:{publicPort}")).StatusCode);
        }

        Assert.Equal("pong", await http.GetStringAsync($"http://127.0.0.1:{publicPort}/api/ping"));
        await app.StopAsync();
    }

    private static async Task<HttpResponseMessage> GetWithHostAsync(HttpClient http, string url, string host)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Host = host;
        return await http.SendAsync(request);
    }
}
