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

    /// <summary>The largest request body an endpoint reads (a job's JSON, say); the upload endpoint has its own, <c>Videos:MaxUploadBytes</c>.</summary>
    [Range(1024, 1L << 30)]
    public long MaxRequestBodyBytes { get; set; } = 64 * 1024;

    /// <summary>Every key a call may carry.</summary>
    public IEnumerable<string> Keys => ApiKeys.Append(ApiKey).Where(key => !string.IsNullOrEmpty(key))!;
}
