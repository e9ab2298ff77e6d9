namespace VideoEditor.Worker.Previews;

public static class PreviewServices
{
    /// <summary>Makes the previews of every video (as preview jobs), and asks for those a video lacks.</summary>
    public static TBuilder AddPreviews<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Services.AddValidatedOptions<PreviewOptions>(PreviewOptions.SectionName);
        builder.Services.AddSingleton<PreviewMaker>();
        builder.Services.AddHostedService<PreviewBackfill>();
        return builder;
    }
}
