using Microsoft.Extensions.Options;
using VideoEditor.Media.Concurrency;

namespace VideoEditor.Api.Thumbnails;

/// <summary>How many thumbnails are resized from preview frames at once (<see cref="ThumbnailOptions"/>).</summary>
public sealed class RenderGate(IOptions<ThumbnailOptions> options)
    : WorkGate("thumbnail rendering", options.Value.MaxConcurrentRenders, options.Value.MaxQueuedRenders, options.Value.RenderQueueTimeout);
