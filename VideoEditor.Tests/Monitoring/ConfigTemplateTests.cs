using VideoEditor.AppHost.Monitoring;

namespace VideoEditor.Tests.Monitoring;

public sealed class ConfigTemplateTests
{
    [Fact]
    public void Fills_every_placeholder()
    {
        var rendered = ConfigTemplate.Render("a: ${HOST}:${PORT}", new Dictionary<string, string> { ["HOST"] = "h", ["PORT"] = "1" });

        Assert.Equal("a: h:1", rendered);
    }

    [Fact]
    public void Leaves_prometheus_and_go_template_syntax_alone()
    {
        const string template = "replacement: ${1}\nsummary: '{{ $labels.job }}'";

        Assert.Equal(template, ConfigTemplate.Render(template, new Dictionary<string, string>()));
    }

    [Fact]
    public void Refuses_a_placeholder_without_a_value()
    {
        var error = Assert.Throws<InvalidOperationException>(() => ConfigTemplate.Render("a: ${MISSING}", new Dictionary<string, string>()));

        Assert.Contains("${MISSING}", error.Message);
    }
}
