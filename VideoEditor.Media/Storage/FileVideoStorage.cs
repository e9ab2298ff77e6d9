using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using VideoEditor.Media.Videos;

namespace VideoEditor.Media.Storage;

/// <summary>
/// Videos in a folder: <c>videos/{id}/content.{ext}</c> beside <c>video.json</c> and, once the worker made them,
/// <c>preview/</c> (keyframes, storyboard). Staging areas live in
/// <c>staging/</c> (videos) and <c>preview-staging/</c> (previews, made in the background while uploads come and go)
/// on the same file system, so a commit is one atomic rename.
/// </summary>
public sealed class FileVideoStorage : IVideoStorage, IDisposable
{
    private const string MetadataFile = "video.json";
    private const string ContentName = "content";
    private const string DeletionMark = ".deleted.";
    private const string PreviewName = "preview";

    // A committed video's metadata never changes: it is read from disk once, then kept (about 0.5 KB a video).
    private const long MetadataKept = 50_000;
    private static readonly MemoryCacheEntryOptions MetadataEntry = new() { Size = 1 };
    private readonly MemoryCache _metadata = new(new MemoryCacheOptions { SizeLimit = MetadataKept });

    private readonly string _videos;
    private readonly string _staging;
    private readonly string _previewStaging;

    public FileVideoStorage(IOptions<StorageOptions> options)
    {
        var root = Path.GetFullPath(options.Value.DataDirectory);
        _videos = Directory.CreateDirectory(Path.Combine(root, "videos")).FullName;
        _staging = Directory.CreateDirectory(Path.Combine(root, "staging")).FullName;
        _previewStaging = Directory.CreateDirectory(Path.Combine(root, "preview-staging")).FullName;
    }

    public IStagedVideo Stage(string id)
    {
        EnsureValid(id);
        return new StagedVideo(id, NewStagingFolder(_staging, id), VideoFolder(id));
    }

    public async Task<Video?> FindAsync(string id, CancellationToken cancellationToken)
    {
        if (!VideoId.IsValid(id))
        {
            return null;
        }

        var path = Path.Combine(VideoFolder(id), MetadataFile);
        if (_metadata.TryGetValue(id, out Video? known))
        {
            // One stat: another process (a second api) may have deleted it since.
            if (File.Exists(path))
            {
                return known;
            }

            _metadata.Remove(id);
            return null;
        }

        try
        {
            await using var stream = File.OpenRead(path);
            var video = await JsonSerializer.DeserializeAsync<Video>(stream, JsonSerializerOptions.Web, cancellationToken);
            _metadata.Set(id, video, MetadataEntry);
            return video;
        }
        catch (Exception exception) when (exception is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
    }

    public async IAsyncEnumerable<Video> ListAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var videos = new List<Video>();
        foreach (var folder in Directory.EnumerateDirectories(_videos))
        {
            if (await FindAsync(Path.GetFileName(folder), cancellationToken) is { } video)
            {
                videos.Add(video);
            }
        }

        foreach (var video in videos.OrderByDescending(video => video.CreatedAt).ThenBy(video => video.Id, StringComparer.Ordinal))
        {
            yield return video;
        }
    }

    public string ContentPath(Video video) =>
        Path.Combine(VideoFolder(video.Id), ContentName + MediaContainers.Extension(video.Format));

    public bool Exists(string id) => VideoId.IsValid(id) && Directory.Exists(VideoFolder(id));

    public bool Delete(string id)
    {
        if (!Exists(id))
        {
            return false;
        }

        _metadata.Remove(id);
        // Move it out of sight first: a reader sees the whole video or none of it.
        var doomed = Path.Combine(_staging, $"{id}{DeletionMark}{Guid.NewGuid():N}");
        try
        {
            Directory.Move(VideoFolder(id), doomed);
        }
        catch (DirectoryNotFoundException)
        {
            return false;
        }

        Directory.Delete(doomed, recursive: true);
        return true;
    }

    public string PreviewFolder(string id)
    {
        EnsureValid(id);
        return Path.Combine(VideoFolder(id), PreviewName);
    }

    public IStagedPreview StagePreview(string id)
    {
        var destination = PreviewFolder(id);
        return new StagedPreview(NewStagingFolder(_previewStaging, id), destination);
    }

    /// <summary>
    /// Removes what processes that died mid-write left in the staging areas: folders untouched since
    /// <paramref name="before"/>, and videos whose deletion was cut short (another process may be removing one right
    /// now: what is gone already, or cannot be removed, is skipped and never stops a service's start). Returns how
    /// many it removed.
    /// </summary>
    public int SweepAbandoned(DateTimeOffset before)
    {
        var removed = 0;
        foreach (var folder in Directory.EnumerateDirectories(_staging).Concat(Directory.EnumerateDirectories(_previewStaging)))
        {
            if (IsDeletion(folder) || Directory.GetLastWriteTimeUtc(folder) < before.UtcDateTime)
            {
                try
                {
                    Directory.Delete(folder, recursive: true);
                    removed++;
                }
                catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
                {
                    // Gone (another process removed it), being removed by another process, or not ours to remove.
                }
            }
        }

        return removed;
    }

    public void Dispose() => _metadata.Dispose();

    private string VideoFolder(string id) => Path.Combine(_videos, id);

    /// <summary>
    /// A new staging folder for <paramref name="id"/>, after removing what an earlier attempt at the same id left
    /// when its process was killed (a job run again after a crash).
    /// </summary>
    private static string NewStagingFolder(string area, string id)
    {
        foreach (var leftover in Directory.EnumerateDirectories(area, $"{id}.*").Where(folder => !IsDeletion(folder)))
        {
            Directory.Delete(leftover, recursive: true);
        }

        return Directory.CreateDirectory(Path.Combine(area, $"{id}.{Guid.NewGuid():N}")).FullName;
    }

    private static bool IsDeletion(string stagingFolder) => Path.GetFileName(stagingFolder).Contains(DeletionMark, StringComparison.Ordinal);

    private static void EnsureValid(string id)
    {
        if (!VideoId.IsValid(id))
        {
            throw new ArgumentException($"'{id}' is not a video id.", nameof(id));
        }
    }

    /// <summary>A folder being written in a staging area: moved into place in one rename, else removed on dispose.</summary>
    private abstract class StagedFolder(string folder, string destination) : IDisposable
    {
        private bool _committed;

        public string Folder => folder;

        /// <summary>False when the destination exists already (made by an earlier run) or its parent is gone (deleted meanwhile).</summary>
        protected bool MoveIntoPlace()
        {
            try
            {
                Directory.Move(folder, destination);
            }
            catch (IOException) when (Directory.Exists(destination) || !Directory.Exists(Path.GetDirectoryName(destination)))
            {
                return false;
            }

            _committed = true;
            return true;
        }

        public void Dispose()
        {
            if (!_committed && Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }

    private sealed class StagedVideo(string id, string folder, string destination) : StagedFolder(folder, destination), IStagedVideo
    {
        public string Id => id;

        public string ContentPath => Path.Combine(Folder, "upload");

        public string PathFor(string extension) => Path.Combine(Folder, $"output{extension}");

        public async Task<bool> CommitAsync(Video video, string contentPath, CancellationToken cancellationToken)
        {
            File.Move(contentPath, Path.Combine(Folder, ContentName + MediaContainers.Extension(video.Format)));
            await using (var stream = File.Create(Path.Combine(Folder, MetadataFile)))
            {
                await JsonSerializer.SerializeAsync(stream, video, JsonSerializerOptions.Web, cancellationToken);
            }

            return MoveIntoPlace();
        }
    }

    private sealed class StagedPreview(string folder, string destination) : StagedFolder(folder, destination), IStagedPreview
    {
        public bool Commit() => MoveIntoPlace();
    }
}
