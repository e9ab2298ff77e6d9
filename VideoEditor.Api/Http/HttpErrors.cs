namespace VideoEditor.Api.Http;

public static class HttpErrors
{
    /// <summary>Every error as RFC 7807 problem+json, with the failures of what the API depends on turned into answers a client can act on.</summary>
    public static TBuilder AddHttpErrors<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Services.AddProblemDetails();
        builder.Services.AddExceptionHandler<ServiceExceptionHandler>();
        return builder;
    }

    public static WebApplication UseHttpErrors(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        return app;
    }
}
