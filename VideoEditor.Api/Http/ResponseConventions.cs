using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace VideoEditor.Api.Http;

/// <summary>
/// What the OpenAPI document says of every answer alike, whichever route gives it: the headers that go with a status
/// (the new resource's Location; Retry-After on every 429 and 503, <see cref="HttpAnswers.RetryAfter"/>), and each
/// operation's answers in the order of their status, whichever convention declared them.
/// </summary>
public sealed class ResponseConventions : IOpenApiDocumentTransformer
{
    private static readonly Dictionary<string, (string Name, string Description, JsonSchemaType Type)> HeaderOfStatus = new()
    {
        ["201"] = ("Location", "Where the new video is.", JsonSchemaType.String),
        ["202"] = ("Location", "Where to follow the job.", JsonSchemaType.String),
        ["429"] = ("Retry-After", "Seconds to wait before asking again.", JsonSchemaType.Integer),
        ["503"] = ("Retry-After", "Seconds to wait before asking again.", JsonSchemaType.Integer),
    };

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        foreach (var operation in document.Paths.Values.SelectMany(path => path.Operations?.Values.AsEnumerable() ?? []))
        {
            var ordered = new OpenApiResponses();
            foreach (var (status, response) in operation.Responses?.OrderBy(response => response.Key, StringComparer.Ordinal).AsEnumerable() ?? [])
            {
                if (HeaderOfStatus.TryGetValue(status, out var header) && response is OpenApiResponse described)
                {
                    described.Headers ??= new Dictionary<string, IOpenApiHeader>();
                    described.Headers[header.Name] = new OpenApiHeader { Description = header.Description, Schema = new OpenApiSchema { Type = header.Type } };
                }

                ordered[status] = response;
            }

            operation.Responses = ordered;
        }

        return Task.CompletedTask;
    }
}
