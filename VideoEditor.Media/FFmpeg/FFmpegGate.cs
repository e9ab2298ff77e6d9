using Microsoft.Extensions.Options;
using VideoEditor.Media.Concurrency;

namespace VideoEditor.Media.FFmpeg;

/// <summary>How many ffmpeg processes a service runs at once on a request's behalf (<see cref="FFmpegOptions"/>).</summary>
public sealed class FFmpegGate(IOptions<FFmpegOptions> options)
    : WorkGate("ffmpeg", options.Value.MaxConcurrency, options.Value.MaxQueue, options.Value.QueueTimeout);
