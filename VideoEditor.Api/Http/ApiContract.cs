using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.OpenApi;

namespace VideoEditor.Api.Http;

public static class ApiContract
{
    /// <summary>How the API writes JSON (camelCase, enums as camelCase strings) and its OpenAPI document.</summary>
    public static TBuilder AddApiContract<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Services.AddOpenApi(options =>
        {
            options.AddDocumentTransformer((document, _, _) =>
            {
                document.Info = new OpenApiInfo
                {
                    Title = "VideoEditor API",
                    Version = "v1",
                    Description = "Uploads, metadata, thumbnails, storyboards, and trim / split / process jobs run by the worker. "
                        + "Every error is application/problem+json; times are seconds; ids are 32 hexadecimal digits made by the server.",
                };
                return Task.CompletedTask;
            });
            options.AddDocumentTransformer<ResponseConventions>();
            options.AddOperationTransformer<RequestExamples.Transformer>();
        });
        builder.Services.ConfigureHttpJsonOptions(options =>
            options.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase)));
        return builder;
    }
}
