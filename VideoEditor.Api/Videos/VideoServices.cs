namespace VideoEditor.Api.Videos;

public static class VideoServices
{
    /// <summary>Uploads, and deletion with whatever the features registered as <see cref="IVideoCleanup"/>.</summary>
    public static TBuilder AddVideos<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Services.AddSingleton<UploadGate>();
        builder.Services.AddSingleton<UploadReceiver>();
        builder.Services.AddSingleton<VideoDeletion>();
        return builder;
    }
}
