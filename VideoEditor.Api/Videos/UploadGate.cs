using Microsoft.Extensions.Options;
using VideoEditor.Media.Concurrency;
using VideoEditor.Media.Videos;

namespace VideoEditor.Api.Videos;

/// <summary>How many uploads are received at once (<see cref="VideoLimits.MaxConcurrentUploads"/>); none wait.</summary>
public sealed class UploadGate(IOptions<VideoLimits> limits)
    : WorkGate("upload", limits.Value.MaxConcurrentUploads, maxQueue: 0, queueTimeout: TimeSpan.Zero);
