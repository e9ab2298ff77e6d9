using System.ComponentModel.DataAnnotations;

namespace VideoEditor.Media.Storage;

public sealed class StorageOptions
{
    public const string SectionName = "Storage";

    /// <summary>
    /// The folder shared by the api and the worker (the AppHost sets it per run). A plain path: ffmpeg filter arguments
    /// name files under it, where other characters would need escaping.
    /// </summary>
    [Required]
    [RegularExpression("^[A-Za-z0-9/_.+-]+$", ErrorMessage = "Storage:DataDirectory is a plain path: letters, digits and / _ . + - only.")]
    public string DataDirectory { get; set; } = Path.Combine(Path.GetTempPath(), "video-editor", "media");

    /// <summary>
    /// A staging folder untouched this long was left by a process that died mid-write (an upload, a job's outputs, a
    /// preview) and is removed when a service starts. Longer than any upload or job run may take.
    /// </summary>
    [Range(typeof(TimeSpan), "00:01:00", "30.00:00:00")]
    public TimeSpan AbandonedAfter { get; set; } = TimeSpan.FromHours(6);
}
