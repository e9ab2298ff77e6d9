namespace VideoEditor.Api.Videos;

/// <summary>
/// Something a feature keeps about a video outside its folder (cached thumbnails, a preview index in memory), to be
/// forgotten when the video is deleted. Features register theirs; deleting a video needs to know none of them.
/// </summary>
public interface IVideoCleanup
{
    Task ForgetAsync(string videoId);
}

/// <summary>Deletes a video: its folder first (a reader then sees it gone), then what every feature kept of it.</summary>
public sealed class VideoDeletion(Media.Storage.IVideoStorage storage, IEnumerable<IVideoCleanup> cleanups)
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
