using System.Text.Json;
using System.Text.Json.Serialization;

namespace VideoEditor.Api.Http;

public static class ApiContract
{
    /// <summary>How the API writes JSON (camelCase, enums as camelCase strings) and its OpenAPI document.</summary>
    public static TBuilder AddApiContract<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Services.AddOpenApi();
        builder.Services.ConfigureHttpJsonOptions(options =>
            options.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase)));
        return builder;
    }
}
