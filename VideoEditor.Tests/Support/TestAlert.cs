namespace VideoEditor.Tests.Support;

/// <summary>An alert rule that fires as soon as Prometheus evaluates it, to follow one alert to Slack and e-mail.</summary>
public static class TestAlert
{
    public const string Name = "VideoEditorAlertPipelineTest";

    public const string Summary = "The alert pipeline works";

    private const string Rule = $$$"""
        groups:
          - name: test
            rules:
              - alert: {{{Name}}}
                expr: vector(1)
                labels:
                  severity: critical
                  service: api
                annotations:
                  summary: "{{{Summary}}}"
                  description: "A test rule that always fires."
                  runbook_url: '{{ $externalLabels.runbook_url }}#test'
        """;

    /// <summary>Writes the rule file into <paramref name="directory"/> and returns its path (for <c>Stack:ExtraRuleFiles</c>).</summary>
    public static async Task<string> WriteRuleFileAsync(string directory)
    {
        var path = Path.Combine(directory, "test-rules.yml");
        await File.WriteAllTextAsync(path, Rule);
        return path;
    }
}
