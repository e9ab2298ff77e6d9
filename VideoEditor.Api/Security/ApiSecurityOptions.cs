using System.ComponentModel.DataAnnotations;

namespace VideoEditor.Api.Security;

public sealed class ApiSecurityOptions
{
    public const string SectionName = "Security";

    /// <summary>When set, every /api call must carry it (or one of <see cref="ApiKeys"/>) in the <c>X-Api-Key</c> header.</summary>
    public string? ApiKey { get; set; }

    /// <summary>More keys, one per client: each is its own client for the rate limits. None at all: the API is open (local development).</summary>
    public string[] ApiKeys { get; set; } = [];

    /// <summary>Uploads, job submissions and deletes one client may make per minute (a client: its API key, else its address).</summary>
    [Range(1, 1_000_000)]
    public int WritesPerMinute { get; set; } = 60;

    /// <summary>Thumbnail requests one client may make per minute: each may cost an ffmpeg run.</summary>
    [Range(1, 1_000_000)]
    public int ThumbnailsPerMinute { get; set; } = 1200;

    /// <summary>Every key a call may carry.</summary>
    public IEnumerable<string> Keys => ApiKeys.Append(ApiKey).Where(key => !string.IsNullOrEmpty(key))!;
}
