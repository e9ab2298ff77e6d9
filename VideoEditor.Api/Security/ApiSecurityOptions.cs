using System.ComponentModel.DataAnnotations;

namespace VideoEditor.Api.Security;

public sealed class ApiSecurityOptions
{
    public const string SectionName = "Security";

    /// <summary>When set, every /api call must carry it in the <c>X-Api-Key</c> header. Unset: the API is open (local development).</summary>
    public string? ApiKey { get; set; }

    /// <summary>Uploads, job submissions and deletes one client may make per minute (a client: its API key, else its address).</summary>
    [Range(1, 1_000_000)]
    public int WritesPerMinute { get; set; } = 60;
}
