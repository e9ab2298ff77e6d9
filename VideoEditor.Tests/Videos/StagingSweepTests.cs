using VideoEditor.Tests.Support;

namespace VideoEditor.Tests.Videos;

/// <summary>An api started on a media folder where a crashed process left staging folders behind.</summary>
public sealed class ApiAfterACrash : ApiHost
{
    public string OldUpload => Path.Combine(MediaDirectory, "staging", "0123456789abcdef0123456789abcdef.0f0f");
    public string HalfDeleted => Path.Combine(MediaDirectory, "staging", "1123456789abcdef0123456789abcdef.deleted.0f0f");
    public string OldPreview => Path.Combine(MediaDirectory, "preview-staging", "2123456789abcdef0123456789abcdef.0f0f");

    /// <summary>Another process' upload in progress: written to a moment ago.</summary>
    public string RecentUpload => Path.Combine(MediaDirectory, "staging", "3123456789abcdef0123456789abcdef.0f0f");

    public override async Task InitializeAsync()
    {
        foreach (var folder in new[] { OldUpload, HalfDeleted, OldPreview, RecentUpload })
        {
            Directory.CreateDirectory(folder);
            await File.WriteAllBytesAsync(Path.Combine(folder, "content.mp4"), new byte[1024]);
        }

        foreach (var folder in new[] { OldUpload, OldPreview })
        {
            Directory.SetLastWriteTimeUtc(folder, DateTime.UtcNow.AddHours(-7));
        }

        await base.InitializeAsync();
    }
}

public sealed class StagingSweepTests(ApiAfterACrash host) : IClassFixture<ApiAfterACrash>
{
    [Fact]
    public void At_start_the_api_removes_what_a_crash_left_in_staging_but_not_what_is_being_written()
    {
        Assert.False(Directory.Exists(host.OldUpload));
        Assert.False(Directory.Exists(host.HalfDeleted));
        Assert.False(Directory.Exists(host.OldPreview));
        Assert.True(Directory.Exists(host.RecentUpload));
        Assert.True(host.LogContains("Removed 3 staging folders"));
    }
}
