using Scalar.AspNetCore;
using VideoEditor.Api.Security;

namespace VideoEditor.Api.Reference;

/// <summary>
/// The API reference: Scalar over the OpenAPI document, to read every route and try it from the browser, and the
/// api's <c>/</c> leading to it. Development only: a deployment's public port answers <c>/api</c> (and the document)
/// and nothing meant for a person at a browser.
/// </summary>
public static class ApiReference
{
    /// <summary>Where the page is; the AppHost's dashboard link points here.</summary>
    public const string Path = "/scalar";

    public static WebApplication MapApiReference(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment())
        {
            return app;
        }

        app.MapScalarApiReference(Path, options => options
            .WithTitle("VideoEditor API reference")
            // Scalar's scripts are embedded in the package and served from here; nothing the page needs comes from
            // elsewhere, so it works with no internet: no web fonts, no telemetry, no AI agent, no MCP.
            .DisableDefaultFonts()
            .DisableTelemetry()
            .DisableAgent()
            .DisableMcp()
            // Its toolbar offers Scalar's hosted services (share, SDKs, deploy), of no use to the api's developers.
            .HideDeveloperTools()
            // With keys configured, the document declares the key scheme: Scalar offers a field for it.
            .AddPreferredSecuritySchemes([ApiKeyInDocument.SchemeName]));

        // The address the dashboard shows, or a person types, is not a dead end.
        app.MapGet("/", () => TypedResults.Redirect(Path + "/")).ExcludeFromDescription();
        return app;
    }
}
