using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;

namespace VideoEditor.AppHost.Stack;

/// <summary>The <c>Stack:*</c> configuration of the AppHost, read and checked once at start.</summary>
/// <param name="Images">The image of each service in container mode: <c>Stack:Images:{name}</c>, or the pinned official one.</param>
/// <param name="CacheMaxMemory">The thumbnail cache Redis' <c>maxmemory</c> (<c>Stack:CacheMaxMemory</c>, e.g. 256mb).</param>
/// <param name="StateDirectory">
/// What local mode keeps across runs, unlike <paramref name="DataDirectory"/> (Alertmanager's silences and notification
/// log): <c>Stack:StateDirectory</c>, or <c>video-editor</c> in the user's state folder (<c>$XDG_STATE_HOME</c>, else
/// <c>~/.local/state</c>).
/// </param>
public sealed partial record StackSettings(
    StackMode Mode,
    TimeSpan ScrapeInterval,
    string DataDirectory,
    string StateDirectory,
    IReadOnlyList<string> ExtraRuleFiles,
    IReadOnlyDictionary<StackImage, ContainerImage> Images,
    string CacheMaxMemory)
{
    public const string SectionName = "Stack";

    public static readonly TimeSpan DefaultScrapeInterval = TimeSpan.FromSeconds(15);

    public const string DefaultCacheMaxMemory = "256mb";

    public static StackSettings Read(IConfiguration configuration, TimeProvider timeProvider)
    {
        var section = configuration.GetSection(SectionName);

        var modeText = section["Mode"];
        var mode = StackMode.Auto;
        if (!string.IsNullOrWhiteSpace(modeText) && (!Enum.TryParse(modeText, ignoreCase: true, out mode) || !Enum.IsDefined(mode)))
        {
            throw new StackSetupException($"Stack:Mode is '{modeText}': use auto, containers or local.");
        }

        var intervalText = section["ScrapeInterval"];
        var interval = DefaultScrapeInterval;
        if (!string.IsNullOrWhiteSpace(intervalText) &&
            (!TimeSpan.TryParse(intervalText, CultureInfo.InvariantCulture, out interval) || interval < TimeSpan.FromSeconds(1)))
        {
            throw new StackSetupException($"Stack:ScrapeInterval is '{intervalText}': use a duration of at least one second, e.g. 00:00:15.");
        }

        // Every run gets folders of its own, so two stacks (parallel tests, say) never share a Redis file or a TSDB.
        var dataDirectory = section["DataDirectory"];
        if (string.IsNullOrWhiteSpace(dataDirectory))
        {
            var started = timeProvider.GetUtcNow().ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture);
            dataDirectory = Path.Combine(Path.GetTempPath(), "video-editor", $"{started}-{Environment.ProcessId}");
        }

        var stateDirectory = section["StateDirectory"];
        if (string.IsNullOrWhiteSpace(stateDirectory))
        {
            var stateHome = Environment.GetEnvironmentVariable("XDG_STATE_HOME");
            stateDirectory = Path.Combine(
                string.IsNullOrWhiteSpace(stateHome) ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "state") : stateHome,
                "video-editor");
        }

        // More rule files for Prometheus (';'-separated paths or globs), e.g. a test's alert that always fires.
        var extraRules = (section["ExtraRuleFiles"] ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(Path.GetFullPath)
            .ToList();

        // Checked here, not by redis-server: a value it refuses would stop the cache with a line only its console shows.
        var cacheMaxMemory = section["CacheMaxMemory"];
        if (string.IsNullOrWhiteSpace(cacheMaxMemory))
        {
            cacheMaxMemory = DefaultCacheMaxMemory;
        }
        else if (!MemorySize().IsMatch(cacheMaxMemory))
        {
            throw new StackSetupException($"Stack:CacheMaxMemory is '{cacheMaxMemory}': use a size Redis reads, at least 1 MB, e.g. {DefaultCacheMaxMemory} or 1gb.");
        }

        return new StackSettings(mode, interval, Path.GetFullPath(dataDirectory), Path.GetFullPath(stateDirectory), extraRules, ReadImages(section.GetSection("Images")), cacheMaxMemory.ToLowerInvariant());
    }

    /// <summary>Megabytes or gigabytes, as Redis writes them (no bytes or kilobytes: a cache that small is a mistake; 0 would mean no limit).</summary>
    [GeneratedRegex("^[1-9][0-9]*(mb|gb)$", RegexOptions.IgnoreCase)]
    private static partial Regex MemorySize();

    // A private registry's mirror, or a local build, in place of an official image.
    private static Dictionary<StackImage, ContainerImage> ReadImages(IConfigurationSection section)
    {
        var unknown = section.GetChildren().Select(child => child.Key).Where(key => !Enum.TryParse<StackImage>(key, ignoreCase: true, out _)).ToList();
        if (unknown.Count > 0)
        {
            throw new StackSetupException($"Stack:Images:{unknown[0]} is not an image of the stack: use {string.Join(", ", Enum.GetNames<StackImage>())}.");
        }

        return StackImages.Pinned.ToDictionary(pinned => pinned.Key, pinned =>
        {
            var reference = section[pinned.Key.ToString()];
            try
            {
                return string.IsNullOrWhiteSpace(reference) ? pinned.Value : ContainerImage.Parse(reference);
            }
            catch (FormatException exception)
            {
                throw new StackSetupException($"Stack:Images:{pinned.Key}: {exception.Message}");
            }
        });
    }

    /// <summary>A run's folder for one service's data, created on first use.</summary>
    public string DataFolder(string service) => Directory.CreateDirectory(Path.Combine(DataDirectory, service)).FullName;

    /// <summary>A service's folder of what outlives the run, created on first use.</summary>
    public string StateFolder(string service) => Directory.CreateDirectory(Path.Combine(StateDirectory, service)).FullName;

    /// <summary>
    /// A container engine's volume for what outlives the run, named after <see cref="StateDirectory"/>: each state folder
    /// (the user's, a test stack's) has volumes of its own, as it has folders in local mode.
    /// </summary>
    public string StateVolume(string service) => StateVolumeOf(StateDirectory, service);

    /// <inheritdoc cref="StateVolume"/>
    public static string StateVolumeOf(string stateDirectory, string service) =>
        $"video-editor-{service}-{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Path.GetFullPath(stateDirectory))))[..12]}";
}
