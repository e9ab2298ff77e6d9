using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using VideoEditor.Api.Reference;
using VideoEditor.Tests.Support;

namespace VideoEditor.Tests.Reference;

/// <summary>The API reference page of the api in development (the in-process api runs as Development).</summary>
public sealed partial class ApiReferenceTests(ApiHost host) : IClassFixture<ApiHost>
{
    private Uri Page => new(host.BaseAddress, ApiReference.Path + "/");

    [Fact]
    public async Task The_page_is_html_and_every_script_and_style_it_names_is_served_by_the_api()
    {
        using var page = await host.Http.GetAsync(Page);
        var html = await page.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        // The sandboxing policy of /api answers would stop the page's scripts: it is not sent here.
        Assert.False(page.Headers.Contains("Content-Security-Policy"));
        var assets = AssetReference().Matches(html).Select(match => new Uri(Page, match.Groups["url"].Value)).ToList();
        Assert.Contains(assets, asset => asset.AbsolutePath.EndsWith(".js", StringComparison.Ordinal));
        foreach (var asset in assets)
        {
            Assert.Equal(host.BaseAddress.Authority, asset.Authority);
            using var answer = await host.Http.GetAsync(asset);
            Assert.True(answer.StatusCode == HttpStatusCode.OK, $"{asset}: {answer.StatusCode}");
        }

        // Nothing the page loads comes from elsewhere: no CDN, no web fonts (they would not load without internet).
        Assert.DoesNotMatch(AbsoluteUrl(), html);
    }

    [Fact]
    public async Task The_page_reads_the_api_document_and_offers_the_api_key()
    {
        var html = await host.Http.GetStringAsync(Page);

        // Scalar resolves the document against the site's root: the api's own /openapi/v1.json.
        Assert.Contains("\"url\":\"openapi/v1.json\"", html);
        Assert.Equal(HttpStatusCode.OK, (await host.Http.GetAsync(new Uri(host.BaseAddress, "/openapi/v1.json"))).StatusCode);
        Assert.Contains($"\"preferredSecurityScheme\":[\"{VideoEditor.Api.Security.ApiKeyInDocument.SchemeName}\"]", html);
        Assert.Contains("\"telemetry\":false", html);
    }

    [Fact]
    public async Task The_root_leads_to_the_reference()
    {
        using var noRedirects = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });

        using var root = await noRedirects.GetAsync(host.BaseAddress);
        using var followed = await host.Http.GetAsync(host.BaseAddress);

        Assert.Equal(HttpStatusCode.Redirect, root.StatusCode);
        Assert.Equal(Page, new Uri(host.BaseAddress, root.Headers.Location!));
        Assert.Equal(Page, followed.RequestMessage!.RequestUri);
        Assert.Equal("text/html", followed.Content.Headers.ContentType?.MediaType);
    }

    [GeneratedRegex("""<(?:script|link)\b[^>]*?\b(?:src|href)="(?<url>[^"]+)""")]
    private static partial Regex AssetReference();

    [GeneratedRegex("""["'(]https?://""")]
    private static partial Regex AbsoluteUrl();
}

/// <summary>The api as a deployment runs it: not in Development.</summary>
public sealed class ProductionApiHost() : ApiHost(new() { [WebHostDefaults.EnvironmentKey] = "Production" })
{
}

public sealed class ApiReferenceInDeploymentTests(ProductionApiHost host) : IClassFixture<ProductionApiHost>
{
    [Theory]
    [InlineData("/")]
    [InlineData(ApiReference.Path + "/")]
    [InlineData(ApiReference.Path + "/scalar.js")]
    public async Task Neither_the_reference_nor_its_scripts_are_served(string path)
    {
        Assert.Equal(Environments.Production, host.Services.GetRequiredService<IHostEnvironment>().EnvironmentName);

        using var answer = await host.Http.GetAsync(new Uri(host.BaseAddress, path));

        Assert.Equal(HttpStatusCode.NotFound, answer.StatusCode);
    }
}
