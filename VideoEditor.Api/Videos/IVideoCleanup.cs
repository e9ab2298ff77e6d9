namespace VideoEditor.Api.Videos;

/// <summary>
/// Something a feature keeps about a video outside its folder (cached thumbnails, a preview index in memory), to be
/// forgotten when the video is deleted. Features register theirs; deleting a video needs to know none of them.
/// </summary>
public interface IVideoCleanup
{
    Task ForgetAsync(string videoId);
}
