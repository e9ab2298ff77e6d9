using System.Text.RegularExpressions;

namespace VideoEditor.AppHost.Monitoring;

/// <summary>
/// Fills the <c>${NAME}</c> placeholders of a configuration file kept in the repository (so the config stays
/// reviewable as a file) with values only known at start, such as allocated ports.
/// </summary>
public static partial class ConfigTemplate
{
    public static string Render(string template, IReadOnlyDictionary<string, string> values) =>
        Placeholder().Replace(template, match => values.TryGetValue(match.Groups[1].Value, out var value)
            ? value
            : throw new InvalidOperationException($"The template has no value for ${{{match.Groups[1].Value}}}."));

    public static void RenderFile(string templatePath, string outputPath, IReadOnlyDictionary<string, string> values)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(outputPath)!);
        File.WriteAllText(outputPath, Render(File.ReadAllText(templatePath), values));
    }

    // Upper-case names only: Prometheus' own ${1} and Go's {{ }} templates pass through untouched.
    [GeneratedRegex(@"\$\{([A-Z][A-Z0-9_]*)\}")]
    private static partial Regex Placeholder();
}
