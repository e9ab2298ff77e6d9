using Microsoft.Extensions.Caching.Memory;
using VideoEditor.Api.Videos;
using VideoEditor.Media.Previews;
using VideoEditor.Media.Storage;

namespace VideoEditor.Api.Previews;

/// <summary>
/// The preview indexes of videos, read from disk once and kept in memory, bounded by their total number of frames.
/// A video whose previews are not made yet is looked up again on the next request (one failed file open).
/// </summary>
public sealed class PreviewCatalog(IVideoStorage storage) : IVideoCleanup, IDisposable
{
    // About 60 bytes a frame: some 6 MB at most.
    private const long MaxFrames = 100_000;
    private static readonly TimeSpan KeptUnused = TimeSpan.FromMinutes(10);

    private readonly MemoryCache _indexes = new(new MemoryCacheOptions { SizeLimit = MaxFrames });

    public async ValueTask<PreviewIndex?> FindAsync(string videoId, CancellationToken cancellationToken)
    {
        if (_indexes.TryGetValue(videoId, out PreviewIndex? index))
        {
            return index;
        }

        index = await PreviewIndex.ReadAsync(storage.PreviewFolder(videoId), cancellationToken);
        if (index is not null)
        {
            _indexes.Set(videoId, index, new MemoryCacheEntryOptions { Size = Math.Max(1, index.Frames.Count), SlidingExpiration = KeptUnused });
        }

        return index;
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
