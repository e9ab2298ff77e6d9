using System.ComponentModel.DataAnnotations;

namespace VideoEditor.Media.Storage;

public sealed class StorageOptions
{
    public const string SectionName = "Storage";

    /// <summary>The folder shared by the api and the worker (the AppHost sets it per run).</summary>
    [Required]
    public string DataDirectory { get; set; } = Path.Combine(Path.GetTempPath(), "video-editor", "media");
}
