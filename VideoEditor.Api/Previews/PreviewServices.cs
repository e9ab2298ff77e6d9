using VideoEditor.Api.Videos;

namespace VideoEditor.Api.Previews;

public static class PreviewServices
{
    /// <summary>The preview indexes the worker made, kept in memory and forgotten with their video.</summary>
    public static TBuilder AddPreviews<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Services.AddSingleton<PreviewCatalog>();
        builder.Services.AddSingleton<IVideoCleanup>(provider => provider.GetRequiredService<PreviewCatalog>());
        return builder;
    }
}
