using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;

namespace VideoEditor.Api.Http;

/// <summary>An example JSON body of a route, named: the OpenAPI document lists it, and the API reference offers it ready to send.</summary>
public sealed record RequestExample(string Name, string Summary, object Body);

public static class RequestExamples
{
    public static RouteHandlerBuilder WithRequestExample(this RouteHandlerBuilder builder, string name, string summary, object body) =>
        builder.WithMetadata(new RequestExample(name, summary, body));

    /// <summary>Writes each route's examples into its JSON request body, as the API writes JSON (unset fields left out).</summary>
    public sealed class Transformer(IOptions<JsonOptions> json) : IOpenApiOperationTransformer
    {
        private readonly JsonSerializerOptions _options = new(json.Value.SerializerOptions)
        {
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        };

        public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
        {
            var examples = context.Description.ActionDescriptor.EndpointMetadata.OfType<RequestExample>().ToList();
            if (examples.Count > 0 && operation.RequestBody?.Content?.TryGetValue("application/json", out var body) == true)
            {
                body.Examples = examples.ToDictionary(
                    example => example.Name,
                    example => (IOpenApiExample)new OpenApiExample
                    {
                        Summary = example.Summary,
                        Value = JsonSerializer.SerializeToNode(example.Body, example.Body.GetType(), _options),
                    });
            }

            return Task.CompletedTask;
        }
    }
}
