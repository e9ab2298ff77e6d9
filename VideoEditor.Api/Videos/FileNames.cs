using System.Text;

namespace VideoEditor.Api.Videos;

/// <summary>What is kept of the file name a client sent with an upload.</summary>
public static class FileNames
{
    public const int MaxLength = 255;

    /// <summary>The name only: no folders, no control characters, at most <see cref="MaxLength"/> characters, never empty.</summary>
    public static string Clean(string? sent)
    {
        var name = (sent ?? "").Replace('\\', '/').Split('/').LastOrDefault(part => part is not ("" or "." or "..")) ?? "";
        var clean = new StringBuilder(name.Length);
        foreach (var character in name.Where(character => !char.IsControl(character)))
        {
            clean.Append(character);
        }

        var result = clean.ToString().Trim();
        if (result.Length > MaxLength)
        {
            result = result[..MaxLength];
        }

        return result.Length == 0 ? "video" : result;
    }
}
