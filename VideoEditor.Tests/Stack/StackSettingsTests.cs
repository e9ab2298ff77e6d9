using Microsoft.Extensions.Configuration;
using VideoEditor.AppHost.Stack;

namespace VideoEditor.Tests.Stack;

public sealed class StackSettingsTests
{
    [Theory]
    [InlineData(null, StackMode.Auto)]
    [InlineData("auto", StackMode.Auto)]
    [InlineData("Containers", StackMode.Containers)]
    [InlineData("local", StackMode.Local)]
    public void Reads_the_mode(string? value, StackMode expected)
    {
        Assert.Equal(expected, Read(("Stack:Mode", value)).Mode);
    }

    [Theory]
    [InlineData("docker")]
    [InlineData("7")]
    public void Refuses_an_unknown_mode_in_one_line(string value)
    {
        var error = Assert.Throws<StackSetupException>(() => Read(("Stack:Mode", value)));

        Assert.Equal($"Stack:Mode is '{value}': use auto, containers or local.", error.Message);
    }

    [Fact]
    public void Scrape_interval_defaults_to_fifteen_seconds_and_can_be_set()
    {
        Assert.Equal(TimeSpan.FromSeconds(15), Read().ScrapeInterval);
        Assert.Equal(TimeSpan.FromSeconds(1), Read(("Stack:ScrapeInterval", "00:00:01")).ScrapeInterval);
    }

    [Theory]
    [InlineData("soon")]
    [InlineData("00:00:00.5")]
    public void Refuses_a_scrape_interval_under_a_second(string value)
    {
        Assert.Throws<StackSetupException>(() => Read(("Stack:ScrapeInterval", value)));
    }

    [Fact]
    public void Each_run_gets_its_own_data_directory_unless_one_is_set()
    {
        var first = Read(time: new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero)).DataDirectory;
        var second = Read(time: new DateTimeOffset(2026, 1, 2, 3, 4, 6, TimeSpan.Zero)).DataDirectory;
        var chosen = Read(("Stack:DataDirectory", "/srv/video-editor")).DataDirectory;

        Assert.NotEqual(first, second);
        Assert.StartsWith(Path.GetTempPath(), first);
        Assert.Equal("/srv/video-editor", chosen);
    }

    private static StackSettings Read(params (string Key, string? Value)[] values) => Read(values, DateTimeOffset.UnixEpoch);

    private static StackSettings Read(DateTimeOffset time) => Read([], time);

    private static StackSettings Read((string Key, string? Value)[] values, DateTimeOffset time)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(values.Select(pair => new KeyValuePair<string, string?>(pair.Key, pair.Value)))
            .Build();
        return StackSettings.Read(configuration, new FixedTime(time));
    }

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
