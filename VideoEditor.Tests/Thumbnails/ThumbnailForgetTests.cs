using System.Globalization;
using System.Net;
using VideoEditor.Tests.Support;

namespace VideoEditor.Tests.Thumbnails;

/// <summary>An api that forgets a deleted video's cached thumbnails two at a time, and an upload to delete.</summary>
public sealed class ApiWithSmallForgetBatch() : ApiWithUpload(new() { ["Thumbnails:ForgetBatchSize"] = "2" }, media => media.Clock);

public sealed class ThumbnailForgetTests(ApiWithSmallForgetBatch host) : IClassFixture<ApiWithSmallForgetBatch>
{
    /// <summary>More than Redis answers in one SSCAN reply for a small set (128 members are kept as one list).</summary>
    private const int Listed = 300;

    [Fact]
    public async Task Deleting_a_video_removes_every_cached_thumbnail_reading_its_index_in_pages_never_whole()
    {
        var api = host.Api;
        var video = host.Video;
        (await api.Http.GetAsync(api.Url($"/api/videos/{video.Id}/thumbnail?t=1&width=64"))).Dispose();
        var index = $"video-editor:thumbnails:{video.Id}";
        // HybridCache answers before its write to Redis has finished.
        var made = await Poll.UntilAsync(() => Task.FromResult(host.Cache.Keys($"{index}:*")), keys => keys.Count > 0, TimeSpan.FromSeconds(10));
        Assert.NotEmpty(made);
        // Many more entries, listed as the api lists the ones it caches (RedisCache keeps each as a hash).
        var database = host.Cache.GetDatabase();
        foreach (var number in Enumerable.Range(0, Listed))
        {
            var key = string.Create(CultureInfo.InvariantCulture, $"{video.Id}:t={number}:listed");
            await database.HashSetAsync($"video-editor:thumbnails:{key}", "data", "image");
            await database.SetAddAsync(index, key);
        }

        var scansBefore = await host.Cache.CommandCallsAsync("sscan");
        using var deleted = await api.Http.DeleteAsync(api.Url($"/api/videos/{video.Id}"));

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Empty(host.Cache.Keys($"{index}*"));
        Assert.Equal(0, await host.Cache.CommandCallsAsync("smembers"));
        // Two members asked for per page: many pages (Redis may give a few more or fewer per reply).
        Assert.True(await host.Cache.CommandCallsAsync("sscan") - scansBefore > Listed / 10, "the index was not read in pages");
    }
}
