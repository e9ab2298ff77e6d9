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
        }

        Assert.Equal("pong", await http.GetStringAsync($"http://127.0.0.1:{publicPort}/api/ping"));
        await app.StopAsync();
    }
}
