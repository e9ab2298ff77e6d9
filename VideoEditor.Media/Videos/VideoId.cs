using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace VideoEditor.Media.Videos;

/// <summary>
/// Server-generated ids (32 lower-case hex digits) for videos and jobs. An id is checked before it is used in
/// a path or a key, so a malformed one never reaches the disk.
/// </summary>
public static partial class VideoId
{
    public static string New() => Guid.NewGuid().ToString("N");

    /// <summary>The same id for the same inputs: a job that runs twice writes its outputs under the same ids.</summary>
    public static string Derived(string parentId, string purpose)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{parentId}/{purpose}"));
        return Convert.ToHexStringLower(hash.AsSpan(0, 16));
    }

    public static bool IsValid([NotNullWhen(true)] string? id) => id is not null && Pattern().IsMatch(id);

    [GeneratedRegex("^[0-9a-f]{32}$")]
    private static partial Regex Pattern();
}
