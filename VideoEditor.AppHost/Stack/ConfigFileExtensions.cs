using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace VideoEditor.AppHost.Stack;

internal static class ConfigFileExtensions
{
    /// <summary>
    /// Writes a resource's configuration file just before it starts, when every endpoint has its port. A failure is
    /// written to the resource's console log, where the dashboard shows it, instead of a silent FailedToStart.
    /// </summary>
    public static IResourceBuilder<T> WithConfigWrittenBeforeStart<T>(this IResourceBuilder<T> resource, Action writeConfig) where T : IResource =>
        resource.WithConfigWrittenBeforeStart(_ =>
        {
            writeConfig();
            return Task.CompletedTask;
        });

    /// <inheritdoc cref="WithConfigWrittenBeforeStart{T}(IResourceBuilder{T}, Action)"/>
    public static IResourceBuilder<T> WithConfigWrittenBeforeStart<T>(this IResourceBuilder<T> resource, Func<CancellationToken, Task> writeConfig) where T : IResource =>
        resource.OnBeforeResourceStarted(async (started, @event, cancellationToken) =>
        {
            try
            {
                await writeConfig(cancellationToken);
            }
            catch (Exception exception) when (exception is IOException or InvalidOperationException or UnauthorizedAccessException)
            {
                @event.Services.GetRequiredService<ResourceLoggerService>().GetLogger(started)
                    .LogError(exception, "Could not write the configuration of {Resource}", started.Name);
                throw;
            }
        });
}
