using VideoEditor.Media.Storage;

namespace VideoEditor.Api.Videos;

/// <summary>Deletes a video: its folder first (a reader then sees it gone), then what every feature kept of it.</summary>
public sealed class VideoDeletion(IVideoStorage storage, IEnumerable<IVideoCleanup> cleanups)
{
    /// <summary>False when there was no such video.</summary>
    public async Task<bool> DeleteAsync(string videoId)
    {
        if (!storage.Delete(videoId))
        {
            return false;
        }

        foreach (var cleanup in cleanups)
        {
            await cleanup.ForgetAsync(videoId);
        }

        return true;
    }
}
