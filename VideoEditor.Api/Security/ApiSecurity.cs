using System.Security.Cryptography;
using System.Text;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;
using VideoEditor.Api.Http;

namespace VideoEditor.Api.Security;

/// <summary>
/// Who may do what: a small request body (the upload endpoint raises its own limit), an optional API key on every /api call (401 without it), per-client limits on writes (uploads,
/// jobs, deletes) and on thumbnails (each may cost an ffmpeg run): 429 with Retry-After past them. A client is the key
/// it sent, else (open API) its address: never a value it may pick freely. And what every answer carries: no
/// <c>Server</c> header, <c>nosniff</c>, an /api answer a browser opens sandboxed, nothing behind a key in a shared cache.
/// </summary>
public static partial class ApiSecurity
{
    public const string ApiKeyHeader = "X-Api-Key";
    public const string WritesPolicy = "writes";
    public const string ThumbnailsPolicy = "thumbnails";

    private const string ClientItem = "video-editor.client";

    public static TBuilder AddApiSecurity<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Services.AddValidatedOptions<ApiSecurityOptions>(ApiSecurityOptions.SectionName);
        builder.Services.AddOptions<KestrelServerOptions>().Configure<IOptions<ApiSecurityOptions>>((kestrel, security) =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = security.Value.MaxRequestBodyBytes;
        });
        builder.Services.ConfigureAll<OpenApiOptions>(openApi => openApi
            .AddDocumentTransformer<ApiKeyInDocument>()
            .AddOperationTransformer<ApiKeyInDocument>());
        builder.Services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.AddPolicy(WritesPolicy, context => PerMinute(context, WritesPolicy, options => options.WritesPerMinute));
            limiter.AddPolicy(ThumbnailsPolicy, context => PerMinute(context, ThumbnailsPolicy, options => options.ThumbnailsPerMinute));
            limiter.OnRejected = async (rejected, cancellationToken) =>
            {
                var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var delay) ? delay : TimeSpan.FromMinutes(1);
                HttpAnswers.RetryAfter(rejected.HttpContext.Response, retryAfter);
                await TypedResults.Problem(
                    statusCode: StatusCodes.Status429TooManyRequests,
                    title: "Too many requests",
                    detail: "This client made too many of these requests in the last minute; retry after the delay given.")
                    .ExecuteAsync(rejected.HttpContext);
            };
        });
        return builder;
    }

    /// <summary>Limits a route (or group) per client with <paramref name="policy"/>, and says so in the OpenAPI document.</summary>
    public static TBuilder RequireClientLimit<TBuilder>(this TBuilder builder, string policy) where TBuilder : IEndpointConventionBuilder =>
        builder.RequireRateLimiting(policy).ProducesProblemWhen(StatusCodes.Status429TooManyRequests,
            "This client is past its limit for this kind of request (per minute, or of unfinished jobs): retry after Retry-After.");

    /// <summary>Hardens every answer, checks the API key of /api calls (when keys are configured) and applies the limits.</summary>
    public static WebApplication UseApiSecurity(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<ApiSecurityOptions>>().Value;
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ApiSecurity).FullName!);
        var keys = options.Keys.Select(key => SHA256.HashData(Encoding.UTF8.GetBytes(key))).ToArray();
        app.Use((context, next) =>
        {
            // Set as the answer starts: an error answer is written on a cleared response.
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                headers.XContentTypeOptions = "nosniff";
                if (context.Request.Path.StartsWithSegments(ApiRoutes.Prefix))
                {
                    // An uploaded file opened in a browser runs nothing and reaches nothing.
                    headers.ContentSecurityPolicy = "default-src 'none'; sandbox";
                }

                return Task.CompletedTask;
            });
            return next(context);
        });

        if (keys.Length == 0)
        {
            LogOpen(logger);
        }
        else
        {
            app.Use(async (context, next) =>
            {
                if (context.Request.Path.StartsWithSegments(ApiRoutes.Prefix))
                {
                    if (KeyIndex(context.Request.Headers[ApiKeyHeader].ToString(), keys) is not { } index)
                    {
                        await TypedResults.Problem(
                            statusCode: StatusCodes.Status401Unauthorized,
                            title: "API key required",
                            detail: $"Send the API key in the {ApiKeyHeader} header.")
                            .ExecuteAsync(context);
                        return;
                    }

                    context.Items[ClientItem] = $"key:{index}";
                    context.Response.OnStarting(() =>
                    {
                        // What only a key holder may read is never kept by a shared cache for others.
                        if (context.Response.Headers.CacheControl.ToString() is { } cacheControl && cacheControl.Contains("public", StringComparison.Ordinal))
                        {
                            context.Response.Headers.CacheControl = cacheControl.Replace("public", "private", StringComparison.Ordinal);
                        }

                        return Task.CompletedTask;
                    });
                }

                await next(context);
            });
            LogProtected(logger, keys.Length, ApiKeyHeader);
        }

        app.UseRateLimiter();
        return app;
    }

    /// <summary>
    /// Which configured key was sent, comparing SHA-256 hashes in constant time: neither the key's length nor how much
    /// of it matched shows in the time taken, and every key is compared.
    /// </summary>
    private static int? KeyIndex(string sent, byte[][] keys)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(sent));
        int? found = null;
        for (var index = 0; index < keys.Length; index++)
        {
            if (CryptographicOperations.FixedTimeEquals(hash, keys[index]))
            {
                found = index;
            }
        }

        return found;
    }

    private static RateLimitPartition<string> PerMinute(HttpContext context, string policy, Func<ApiSecurityOptions, int> limit)
    {
        var perMinute = limit(context.RequestServices.GetRequiredService<IOptions<ApiSecurityOptions>>().Value);
        return RateLimitPartition.GetFixedWindowLimiter($"{policy}:{ClientOf(context)}", _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = perMinute,
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
        });
    }

    /// <summary>A client is the key it was let in with; without keys (an open API), its address.</summary>
    public static string ClientOf(HttpContext context) =>
        context.Items[ClientItem] as string ?? "ip:" + context.Connection.RemoteIpAddress;

    [LoggerMessage(Level = LogLevel.Warning, Message = "No API key is configured (Security:ApiKey, Security:ApiKeys): every /api call is accepted, as fits local development only")]
    private static partial void LogOpen(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Every /api call must carry one of the {Count} API keys in the {Header} header")]
    private static partial void LogProtected(ILogger logger, int count, string header);
}
