namespace VideoEditor.Api.Http;

public static class FileResponses
{
    /// <summary>Declares, in the OpenAPI document, an answer of bytes in one of <paramref name="contentTypes"/>.</summary>
    public static RouteHandlerBuilder ProducesFile(this RouteHandlerBuilder builder, int status, IReadOnlyList<string> contentTypes) =>
        builder.Produces(status, typeof(Stream), contentTypes[0], [.. contentTypes.Skip(1)]);
}
