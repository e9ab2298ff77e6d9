using System.Security.Cryptography;
using System.Text;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using VideoEditor.Api.Http;

namespace VideoEditor.Api.Security;

/// <summary>
/// Who may do what: an optional API key on every /api call (401 without it), and a per-client limit on writes
/// (uploads, jobs, deletes: 429 with Retry-After past it).
/// </summary>
public static partial class ApiSecurity
{
    public const string ApiKeyHeader = "X-Api-Key";
    public const string WritesPolicy = "writes";

    public static TBuilder AddApiSecurity<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Services.AddValidatedOptions<ApiSecurityOptions>(ApiSecurityOptions.SectionName);
        builder.Services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.AddPolicy(WritesPolicy, context =>
            {
                var perMinute = context.RequestServices.GetRequiredService<IOptions<ApiSecurityOptions>>().Value.WritesPerMinute;
                return RateLimitPartition.GetFixedWindowLimiter(ClientOf(context), _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = perMinute,
                    Window = TimeSpan.FromMinutes(1),
                    QueueLimit = 0,
                });
            });
            limiter.OnRejected = async (rejected, cancellationToken) =>
            {
                var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var delay) ? delay : TimeSpan.FromMinutes(1);
                HttpAnswers.RetryAfter(rejected.HttpContext.Response, retryAfter);
                await TypedResults.Problem(
                    statusCode: StatusCodes.Status429TooManyRequests,
                    title: "Too many requests",
                    detail: "This client made too many uploads, jobs or deletes in the last minute; retry after the delay given.")
                    .ExecuteAsync(rejected.HttpContext);
            };
        });
        return builder;
    }

    /// <summary>Checks the API key of /api calls (when one is configured) and applies the write limits.</summary>
    public static WebApplication UseApiSecurity(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<ApiSecurityOptions>>().Value;
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ApiSecurity).FullName!);
        if (string.IsNullOrEmpty(options.ApiKey))
        {
            LogOpen(logger);
        }
        else
        {
            var expected = Encoding.UTF8.GetBytes(options.ApiKey);
            app.Use(async (context, next) =>
            {
                if (context.Request.Path.StartsWithSegments(ApiRoutes.Prefix) &&
                    !CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(context.Request.Headers[ApiKeyHeader].ToString()), expected))
                {
                    await TypedResults.Problem(
                        statusCode: StatusCodes.Status401Unauthorized,
                        title: "API key required",
                        detail: $"Send the API key in the {ApiKeyHeader} header.")
                        .ExecuteAsync(context);
                    return;
                }

                await next(context);
            });
            LogProtected(logger, ApiKeyHeader);
        }

        app.UseRateLimiter();
        return app;
    }

    /// <summary>A client is its API key (hashed) when it sends one, else its address.</summary>
    private static string ClientOf(HttpContext context) =>
        context.Request.Headers[ApiKeyHeader].ToString() is { Length: > 0 } key
            ? "key:" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(key)))
            : "ip:" + context.Connection.RemoteIpAddress;

    [LoggerMessage(Level = LogLevel.Warning, Message = "No API key is configured (Security:ApiKey): every /api call is accepted, as fits local development only")]
    private static partial void LogOpen(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Every /api call must carry the API key in the {Header} header")]
    private static partial void LogProtected(ILogger logger, string header);
}
