using VideoEditor.Media.Videos;

namespace VideoEditor.Media.Storage;

/// <summary>
/// Where videos and their metadata live. A video becomes visible only when it is complete: it is written into a
/// staging area and committed in one step, so nobody ever sees half a file.
/// </summary>
public interface IVideoStorage
{
    /// <summary>A new, empty staging area for a video being written; what an earlier, killed attempt at the same id left is removed.</summary>
    IStagedVideo Stage(string id);

    /// <summary>The committed video's metadata, or null when there is none.</summary>
    Task<Video?> FindAsync(string id, CancellationToken cancellationToken);

    /// <summary>Every committed video, newest first.</summary>
    IAsyncEnumerable<Video> ListAsync(CancellationToken cancellationToken);

    /// <summary>The local path of the committed video's content, for ffmpeg and for serving it.</summary>
    string ContentPath(Video video);

    bool Exists(string id);

    /// <summary>Removes the video and everything stored with it; false when there was nothing.</summary>
    bool Delete(string id);

    /// <summary>The folder of the video's committed previews (it exists only once they are made).</summary>
    string PreviewFolder(string id);

    /// <summary>A new, empty staging area for the previews of video <paramref name="id"/>.</summary>
    IStagedPreview StagePreview(string id);
}

/// <summary>Previews being written. Disposing them without a successful <see cref="Commit"/> removes everything written.</summary>
public interface IStagedPreview : IDisposable
{
    string Folder { get; }

    /// <summary>Makes the previews visible in one rename; false when they already exist or the video is gone.</summary>
    bool Commit();
}

/// <summary>A video being written. Disposing it without <see cref="CommitAsync"/> removes everything written.</summary>
public interface IStagedVideo : IDisposable
{
    string Id { get; }

    /// <summary>The path the content is written to (the extension is fixed when committing).</summary>
    string ContentPath { get; }

    /// <summary>A path for a file of the given extension (e.g. an ffmpeg output), inside the staging area.</summary>
    string PathFor(string extension);

    /// <summary>Makes the video visible with its metadata; false when a video with this id already exists.</summary>
    Task<bool> CommitAsync(Video video, string contentPath, CancellationToken cancellationToken);
}
