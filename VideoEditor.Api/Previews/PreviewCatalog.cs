using Microsoft.Extensions.Caching.Memory;
using VideoEditor.Api.Videos;
using VideoEditor.Media.Previews;
using VideoEditor.Media.Storage;

namespace VideoEditor.Api.Previews;

/// <summary>
/// The preview indexes thumbnails can be made from, read from disk once and kept in memory, bounded by their total
/// number of frames. An index of no use to thumbnails (not every keyframe, or a file too large to read) is
/// remembered as such, so a request never reads it again. A video whose previews are not made yet is looked up
/// again on the next request (one failed file open).
/// </summary>
public sealed class PreviewCatalog(IVideoStorage storage) : IVideoCleanup, IDisposable
{
    // About 60 bytes a frame: some 6 MB at most, the largest index a tenth of it.
    private const long MaxFrames = 100_000;
    private const long MaxIndexBytes = MaxFrames / 10 * 100;
    private static readonly TimeSpan KeptUnused = TimeSpan.FromMinutes(10);

    private readonly MemoryCache _indexes = new(new MemoryCacheOptions { SizeLimit = MaxFrames });

    /// <summary>The video's index holding every keyframe; null when there is none (yet).</summary>
    public async ValueTask<PreviewIndex?> FindAsync(string videoId, CancellationToken cancellationToken)
    {
        if (!_indexes.TryGetValue(videoId, out PreviewIndex? index))
        {
            index = await PreviewIndex.ReadAsync(storage.PreviewFolder(videoId), MaxIndexBytes, cancellationToken);
            if (index is not null)
            {
                index = index.EveryKeyframe ? index : PreviewIndex.Unusable;
                _indexes.Set(videoId, index, new MemoryCacheEntryOptions { Size = Math.Max(1, index.Frames.Count), SlidingExpiration = KeptUnused });
            }
        }

        return index is { EveryKeyframe: true } ? index : null;
    }

    /// <summary>The path of one of the video's preview files (a keyframe, the storyboard).</summary>
    public string PathOf(string videoId, string file) => Path.Combine(storage.PreviewFolder(videoId), file);

    public Task ForgetAsync(string videoId)
    {
        _indexes.Remove(videoId);
        return Task.CompletedTask;
    }

    public void Dispose() => _indexes.Dispose();
}
