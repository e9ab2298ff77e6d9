using System.Text.RegularExpressions;

namespace VideoEditor.AppHost.Monitoring;

/// <summary>
/// Fills the <c>${NAME}</c> placeholders of a configuration file kept in the repository (so the config stays
/// reviewable as a file) with values only known at start, such as allocated ports. A placeholder written inside
/// single quotes (<c>'${NAME}'</c>) is a YAML string: quotes in its value are doubled. Containers render the same
/// templates with <c>prometheus/render-config.sh</c>, by the same rules.
/// </summary>
public static partial class ConfigTemplate
{
    public static string Render(string template, IReadOnlyDictionary<string, string> values) =>
        Placeholder().Replace(template, match =>
        {
            var name = match.Groups["name"].Value;
            if (!values.TryGetValue(name, out var value))
            {
                throw new InvalidOperationException($"The template has no value for ${{{name}}}.");
            }

            return match.Groups["quote"].Success ? $"'{value.Replace("'", "''", StringComparison.Ordinal)}'" : value;
        });

    // Upper-case names only: Prometheus' own ${1} and Go's {{ }} templates pass through untouched.
    [GeneratedRegex(@"(?<quote>')\$\{(?<name>[A-Z][A-Z0-9_]*)\}'|\$\{(?<name>[A-Z][A-Z0-9_]*)\}")]
    private static partial Regex Placeholder();
}
