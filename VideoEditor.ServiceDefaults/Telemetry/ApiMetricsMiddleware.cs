using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace VideoEditor.ServiceDefaults.Telemetry;

/// <summary>
/// Records <c>video_editor_api_*</c> for every request under <c>/api</c>: latency and count by method, route
/// template (never the raw path) and status code, and errors by cause.
/// </summary>
public sealed class ApiMetricsMiddleware(RequestDelegate next, VideoEditorMetrics metrics, TimeProvider time)
{
    public const string ApiPrefix = "/api";
    public const string UnmatchedRoute = "unmatched";

    private static readonly HashSet<string> KnownMethods = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"];

    public async Task InvokeAsync(HttpContext context)
    {
        if (!context.Request.Path.StartsWithSegments(ApiPrefix))
        {
            await next(context);
            return;
        }

        var started = time.GetTimestamp();
        var failed = false;
        try
        {
            await next(context);
        }
        catch
        {
            failed = true;
            throw;
        }
        finally
        {
            var status = failed && !context.Response.HasStarted ? StatusCodes.Status500InternalServerError : context.Response.StatusCode;
            if (context.RequestAborted.IsCancellationRequested && status < 400)
            {
                // The client went away before the answer: nginx's 499.
                status = 499;
            }

            var method = KnownMethods.Contains(context.Request.Method) ? context.Request.Method : "OTHER";
            var route = (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText is { } template ? "/" + template.Trim('/') : UnmatchedRoute;
            metrics.ApiAnswered(time.GetElapsedTime(started), method, route, status, MetricLabels.ApiErrorType(status));
        }
    }
}

public static class ApiMetricsExtensions
{
    /// <summary>Measures every <c>/api</c> request; call before the endpoints are mapped.</summary>
    public static IApplicationBuilder UseApiMetrics(this IApplicationBuilder app) => app.UseMiddleware<ApiMetricsMiddleware>();
}
