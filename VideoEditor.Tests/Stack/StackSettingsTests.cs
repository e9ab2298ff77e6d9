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

    [Fact]
    public void Images_default_to_the_pinned_official_ones_and_each_can_be_set()
    {
        Assert.Equal(StackImages.Pinned, Read().Images);

        var images = Read(("Stack:Images:Prometheus", "mirror.example.org/prom/prometheus:v3.5.0")).Images;

        Assert.Equal(new ContainerImage("mirror.example.org", "prom/prometheus", "v3.5.0"), images[StackImage.Prometheus]);
        Assert.Equal(StackImages.Pinned[StackImage.Redis], images[StackImage.Redis]);
    }

    [Fact]
    public void Refuses_an_image_without_a_tag_or_of_an_unknown_service_in_one_line()
    {
        var untagged = Assert.Throws<StackSetupException>(() => Read(("Stack:Images:Redis", "redis")));
        var unknown = Assert.Throws<StackSetupException>(() => Read(("Stack:Images:Postgres", "postgres:17")));

        Assert.StartsWith("Stack:Images:Redis: 'redis' is not an image reference with a tag", untagged.Message);
        Assert.Equal("Stack:Images:Postgres is not an image of the stack: use Redis, Prometheus, Alertmanager, MailCatcher, Grafana.", unknown.Message);
    }

    [Theory]
    [InlineData("soon")]
    [InlineData("00:00:00.5")]
    public void Refuses_a_scrape_interval_under_a_second(string value)
    {
        Assert.Throws<StackSetupException>(() => Read(("Stack:ScrapeInterval", value)));
    }

    [Fact]
    public void The_cache_redis_memory_defaults_to_256mb_and_can_be_set()
    {
        Assert.Equal("256mb", Read().CacheMaxMemory);
        Assert.Equal("1gb", Read(("Stack:CacheMaxMemory", "1GB")).CacheMaxMemory);
    }

    [Theory]
    [InlineData("0mb")]
    [InlineData("256")]
    [InlineData("512kb")]
    [InlineData("lots")]
    [InlineData("256mb --save 1")]
    public void Refuses_a_cache_redis_memory_that_is_not_a_size_of_a_megabyte_or_more_in_one_line(string value)
    {
        var error = Assert.Throws<StackSetupException>(() => Read(("Stack:CacheMaxMemory", value)));

        Assert.Equal($"Stack:CacheMaxMemory is '{value}': use a size Redis reads, at least 1 MB, e.g. 256mb or 1gb.", error.Message);
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

    [Fact]
    public void State_is_kept_in_one_folder_for_every_run_outside_the_runs_folders_unless_one_is_set()
    {
        var first = Read(time: new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero));
        var second = Read(time: new DateTimeOffset(2026, 1, 3, 3, 4, 5, TimeSpan.Zero));
        var chosen = Read(("Stack:StateDirectory", "/srv/video-editor-state")).StateDirectory;

        Assert.Equal(first.StateDirectory, second.StateDirectory);
        Assert.Equal("video-editor", Path.GetFileName(first.StateDirectory));
        Assert.False(first.StateDirectory.StartsWith(Path.GetTempPath(), StringComparison.Ordinal), first.StateDirectory);
        Assert.Equal("/srv/video-editor-state", chosen);
    }

    [Fact]
    public void Each_state_folder_has_volumes_of_its_own_for_container_mode()
    {
        var mine = Read(("Stack:StateDirectory", "/srv/a/state"));
        var again = Read(("Stack:StateDirectory", "/srv/a/state"));
        var other = Read(("Stack:StateDirectory", "/srv/b/state"));

        Assert.Equal(mine.StateVolume("alertmanager"), again.StateVolume("alertmanager"));
        Assert.NotEqual(mine.StateVolume("alertmanager"), other.StateVolume("alertmanager"));
        Assert.Matches("^video-editor-alertmanager-[0-9a-f]{12}$", mine.StateVolume("alertmanager"));
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
