using Microsoft.Extensions.DependencyInjection;
using VideoEditor.Media.FFmpeg;
using VideoEditor.Media.Jobs;
using VideoEditor.Media.Previews;
using VideoEditor.Media.Probing;
using VideoEditor.Media.Storage;
using VideoEditor.Media.Videos;

namespace Microsoft.Extensions.Hosting;

public static class MediaServiceCollectionExtensions
{
    /// <summary>Storage, ffmpeg, probing, the job queue and preview requests, with their options validated at start.</summary>
    public static TBuilder AddVideoMedia<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Services.AddValidatedOptions<StorageOptions>(StorageOptions.SectionName);
        builder.Services.AddValidatedOptions<FFmpegOptions>(FFmpegOptions.SectionName);
        builder.Services.AddValidatedOptions<VideoLimits>(VideoLimits.SectionName);
        builder.Services.AddValidatedOptions<JobLimits>(JobLimits.SectionName);

        builder.Services.AddSingleton<IVideoStorage, FileVideoStorage>();
        builder.Services.AddHostedService<StagingSweep>();
        builder.Services.AddSingleton<FFmpegLauncher>();
        builder.Services.AddSingleton<MediaCommands>();
        builder.Services.AddSingleton<FFmpegRunner>();
        builder.Services.AddSingleton<FFmpegGate>();
        builder.Services.AddSingleton<VideoProber>();
        builder.Services.AddSingleton<JobStore>();
        builder.Services.AddSingleton<JobQueue>();
        builder.Services.AddSingleton<JobSubmitter>();
        builder.Services.AddSingleton<PreviewRequester>();

        return builder;
    }
}
