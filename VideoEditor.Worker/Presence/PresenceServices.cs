using Microsoft.Extensions.DependencyInjection.Extensions;

namespace VideoEditor.Worker.Presence;

public static class PresenceServices
{
    /// <summary>Announces the worker in Redis while it runs.</summary>
    public static TBuilder AddWorkerPresence<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Services.AddValidatedOptions<WorkerPresenceOptions>(WorkerPresenceOptions.SectionName);
        builder.Services.TryAddSingleton<WorkerInstance>();
        builder.Services.AddHostedService<WorkerPresence>();
        return builder;
    }
}
