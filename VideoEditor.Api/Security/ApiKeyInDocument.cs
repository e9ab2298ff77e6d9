using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;
using VideoEditor.Api.Http;

namespace VideoEditor.Api.Security;

/// <summary>
/// With API keys configured, the OpenAPI document says what <see cref="ApiSecurity"/> asks of every /api call: the key
/// in its header (a security scheme, which the API reference offers a field for) or 401. Without keys, nothing: the
/// API is open.
/// </summary>
public sealed class ApiKeyInDocument(IOptions<ApiSecurityOptions> security) : IOpenApiDocumentTransformer, IOpenApiOperationTransformer
{
    public const string SchemeName = "ApiKey";

    private bool Protected => security.Value.Keys.Any();

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        if (Protected)
        {
            document.AddComponent<IOpenApiSecurityScheme>(SchemeName, new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.ApiKey,
                In = ParameterLocation.Header,
                Name = ApiSecurity.ApiKeyHeader,
                Description = "One of the API's keys (Security:ApiKey, Security:ApiKeys; the AppHost's api-key parameter).",
            });
        }

        return Task.CompletedTask;
    }

    public async Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        // The rule ApiSecurity applies: everything under the prefix.
        if (!Protected || !new PathString("/" + context.Description.RelativePath).StartsWithSegments(ApiRoutes.Prefix))
        {
            return;
        }

        operation.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(SchemeName, context.Document)] = [] }];
        operation.Responses ??= [];
        operation.Responses[StatusCodes.Status401Unauthorized.ToString(CultureInfo.InvariantCulture)] = new OpenApiResponse
        {
            Description = $"No {ApiSecurity.ApiKeyHeader} header, or not one of the API's keys.",
            Content = new Dictionary<string, OpenApiMediaType>
            {
                [ProblemResponses.ContentType] = new() { Schema = await context.GetOrCreateSchemaAsync(typeof(ProblemDetails), cancellationToken: cancellationToken) },
            },
        };
    }
}
