using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using VideoEditor.Tests.Stack;
using VideoEditor.Tests.Support;

namespace VideoEditor.Tests.Previews;

/// <summary>
/// Previews made by the worker after an upload: thumbnails from keyframes without ffmpeg on the request path, the
/// storyboard, and the fallbacks to ffmpeg.
/// </summary>
[Trait("Category", "Stack")]
[Collection(LocalStackCollection.Name)]
public sealed partial class PreviewTests(LocalStackFixture stack, ClassSetup setup) : IClassFixture<ClassSetup>, IAsyncLifetime
{
    private static readonly TimeSpan ScrapeCache = TimeSpan.FromMilliseconds(350);

    private readonly VideoApi _api = stack.Api;
    private TestMedia _media = null!;
    private VideoDto _long = null!;

    public async Task InitializeAsync()
    {
        _media = await TestMedia.GetAsync();
        // 90 s of 1280x720 with a keyframe every 2 s and a moving picture: previews are 640x360. One upload for the
        // class: no test deletes it, and each test that asserts a first cache miss or an ffmpeg run asks for a
        // thumbnail no other test asks for.
        _long = await setup.OnceAsync(async () =>
        {
            var video = await _api.UploadAsync(_media.Long);
            await _api.WaitForPreviewAsync(video.Id);
            return video;
        });
        // The api answers a scrape from a cache for 300 ms (the Prometheus exporter's default). The tests that compare a
        // scrape before a request with one after need the one before to be current, not one the previous test caused.
        await Task.Delay(ScrapeCache);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_fast_thumbnail_comes_from_the_preview_keyframe_at_or_before_t_without_running_ffmpeg()
    {
        var ffmpegRunsBefore = FFmpegThumbnailRuns(await ScrapeApiAsync());
        var rendersBefore = PreviewRenders(await ScrapeApiAsync());

        using var response = await GetThumbnailAsync(_long.Id, "t=5.3&width=320&format=png");
        var image = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("preview", response.Headers.GetValues("X-Thumbnail-Source").Single());
        Assert.Equal("miss", response.Headers.GetValues("X-Thumbnail-Cache").Single());
        var probed = await MediaInspector.ProbeAsync(image, ".png");
        Assert.Equal(("png", 320, 180), (probed.Video.Codec, probed.Video.Width, probed.Video.Height));

        // The scrape shows the preview render (it is not a cached scrape), and no ffmpeg thumbnail run beside it.
        var scrape = await Poll.UntilAsync(ScrapeApiAsync, text => PreviewRenders(text) > rendersBefore, TimeSpan.FromSeconds(10));
        Assert.Equal(rendersBefore + 1, PreviewRenders(scrape));
        Assert.Equal(ffmpegRunsBefore, FFmpegThumbnailRuns(scrape));

        // It is the keyframe at 4 s (keyframes every 2 s), not the next one at 6 s.
        var pixels = await MediaInspector.ImageRgbAsync(image, ".png", 320, 180);
        var keyframe = MediaInspector.MeanDifference(pixels, await MediaInspector.FrameRgbAsync(_media.Long, 4, 320, 180));
        var nextKeyframe = MediaInspector.MeanDifference(pixels, await MediaInspector.FrameRgbAsync(_media.Long, 6, 320, 180));
        Assert.True(keyframe < 8 && keyframe < nextKeyframe / 2, $"difference to the keyframe at 4 s: {keyframe:0.0}, at 6 s: {nextKeyframe:0.0}");
    }

    [Theory]
    [InlineData("jpeg", "image/jpeg", "mjpeg")]
    [InlineData("png", "image/png", "png")]
    [InlineData("webp", "image/webp", "webp")]
    public async Task A_thumbnail_from_the_previews_decodes_as_the_format_asked(string format, string contentType, string codec)
    {
        using var response = await GetThumbnailAsync(_long.Id, $"t=20&height=90&format={format}");
        var probed = await MediaInspector.ProbeAsync(await response.Content.ReadAsByteArrayAsync(), "." + format);

        Assert.Equal("preview", response.Headers.GetValues("X-Thumbnail-Source").Single());
        Assert.Equal(contentType, response.Content.Headers.ContentType?.MediaType);
        Assert.Equal((codec, 160, 90), (probed.Video.Codec, probed.Video.Width, probed.Video.Height));
    }

    [Fact]
    public async Task Every_t_up_to_the_next_keyframe_shares_one_cached_thumbnail()
    {
        using var first = await GetThumbnailAsync(_long.Id, "t=10.1&width=200");
        using var second = await GetThumbnailAsync(_long.Id, "t=11.9&width=200");
        using var next = await GetThumbnailAsync(_long.Id, "t=12&width=200");

        Assert.Equal("miss", first.Headers.GetValues("X-Thumbnail-Cache").Single());
        Assert.Equal("hit", second.Headers.GetValues("X-Thumbnail-Cache").Single());
        Assert.Equal(first.Headers.ETag, second.Headers.ETag);
        Assert.NotEqual(first.Headers.ETag, next.Headers.ETag);
    }

    [Theory]
    [InlineData("t=5.3&width=320&accurate=true")]
    [InlineData("t=5.3&width=800")]
    [InlineData("t=5.3&height=400")]
    [InlineData("t=5.3")]
    public async Task Accurate_thumbnails_and_sizes_larger_than_the_previews_run_ffmpeg(string query)
    {
        var before = FFmpegThumbnailRuns(await ScrapeApiAsync());

        using var response = await GetThumbnailAsync(_long.Id, query);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("ffmpeg", response.Headers.GetValues("X-Thumbnail-Source").Single());
        var scrape = await Poll.UntilAsync(ScrapeApiAsync, text => FFmpegThumbnailRuns(text) > before, TimeSpan.FromSeconds(10));
        Assert.Equal(before + 1, FFmpegThumbnailRuns(scrape));
    }

    [Fact]
    public async Task A_video_with_more_keyframes_than_are_kept_gets_its_storyboard_and_its_thumbnails_from_ffmpeg()
    {
        // 600 keyframes in 10 s, past the stack's Previews:MaxFrames (LocalStackFixture.MaxPreviewFrames).
        var video = await _api.UploadAsync(_media.AllIntra);
        await _api.WaitForPreviewAsync(video.Id);

        var preview = Path.Combine(stack.MediaDirectory, "videos", video.Id, "preview");
        var frames = Directory.GetFiles(preview, "frame-*.jpg").Length;
        Assert.InRange(frames, 1, LocalStackFixture.MaxPreviewFrames);
        using var sprite = await _api.Http.GetAsync(_api.Url($"/api/videos/{video.Id}/storyboard.jpg"));
        Assert.Equal(HttpStatusCode.OK, sprite.StatusCode);

        for (var attempt = 0; attempt < 2; attempt++)
        {
            using var response = await GetThumbnailAsync(video.Id, $"t=4.{attempt}&width=80");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("ffmpeg", response.Headers.GetValues("X-Thumbnail-Source").Single());
        }
    }

    [Fact]
    public async Task The_storyboard_sprite_has_the_grid_its_cues_describe_and_the_cues_cover_the_video()
    {
        using var sprite = await _api.Http.GetAsync(_api.Url($"/api/videos/{_long.Id}/storyboard.jpg"));
        using var cues = await _api.Http.GetAsync(_api.Url($"/api/videos/{_long.Id}/storyboard.vtt"));
        var spriteSize = (await MediaInspector.ProbeAsync(await sprite.Content.ReadAsByteArrayAsync(), ".jpg")).Video;
        var vtt = await cues.Content.ReadAsStringAsync();

        Assert.Equal("image/jpeg", sprite.Content.Headers.ContentType?.MediaType);
        Assert.Equal("text/vtt", cues.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("WEBVTT\n", vtt);
        var parsed = Cue().Matches(vtt).Select(match => (
            Start: Seconds(match.Groups["start"].Value), End: Seconds(match.Groups["end"].Value),
            X: Int(match.Groups["x"].Value), Y: Int(match.Groups["y"].Value), W: Int(match.Groups["w"].Value), H: Int(match.Groups["h"].Value))).ToList();
        Assert.True(parsed.Count > 1, vtt);
        Assert.Equal(parsed.Count, vtt.Split("-->").Length - 1);

        Assert.Equal(0, parsed[0].Start);
        Assert.All(parsed.Zip(parsed.Skip(1)), pair => Assert.Equal(pair.First.End, pair.Second.Start));
        Assert.Equal(_long.DurationSeconds, parsed[^1].End, 0.002);
        Assert.All(parsed, cue => Assert.True(cue.X >= 0 && cue.Y >= 0 && cue.X + cue.W <= spriteSize.Width && cue.Y + cue.H <= spriteSize.Height, $"{cue} is outside {spriteSize.Width}x{spriteSize.Height}"));
        // The tiles fill the sprite: its width is a row of tiles, its height the rows.
        Assert.Equal(spriteSize.Width, parsed.Max(cue => cue.X + cue.W));
        Assert.Equal(spriteSize.Height, parsed.Max(cue => cue.Y + cue.H));
        Assert.Equal(parsed.Count, parsed.Select(cue => (cue.X, cue.Y)).Distinct().Count());
        Assert.Equal((160, 90), (parsed[0].W, parsed[0].H));
    }

    [Theory]
    [InlineData("storyboard.jpg")]
    [InlineData("storyboard.vtt")]
    public async Task A_storyboard_of_an_unknown_or_malformed_video_id_gets_404(string file)
    {
        using var unknown = await _api.Http.GetAsync(_api.Url($"/api/videos/0123456789abcdef0123456789abcdef/{file}"));
        using var malformed = await _api.Http.GetAsync(_api.Url($"/api/videos/ZZZ/{file}"));

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, malformed.StatusCode);
        Assert.Equal("Video ids are 32 hexadecimal digits.", (await VideoApi.ProblemAsync(malformed)).GetProperty("detail").GetString());
        Assert.Null(unknown.Headers.RetryAfter);
    }

    [Fact]
    public async Task Until_the_worker_made_the_previews_thumbnails_come_from_ffmpeg_and_the_storyboard_says_to_retry()
    {
        await stack.App.ResourceCommands.ExecuteCommandAsync("worker", KnownResourceCommands.StopCommand);
        VideoDto clock;
        try
        {
            clock = await _api.UploadAsync(_media.Clock);

            using var storyboard = await _api.Http.GetAsync(_api.Url($"/api/videos/{clock.Id}/storyboard.vtt"));
            using var thumbnail = await GetThumbnailAsync(clock.Id, "t=5.5&format=png");

            Assert.Equal(HttpStatusCode.NotFound, storyboard.StatusCode);
            Assert.Contains("still being made", (await VideoApi.ProblemAsync(storyboard)).GetProperty("detail").GetString());
            Assert.True(storyboard.Headers.RetryAfter?.Delta > TimeSpan.Zero);
            Assert.Equal("ffmpeg", thumbnail.Headers.GetValues("X-Thumbnail-Source").Single());
            Assert.Equal(TestMedia.ColorAt(4), await MediaInspector.CenterColorAsync(await thumbnail.Content.ReadAsByteArrayAsync(), ".png"));
        }
        finally
        {
            await stack.Stack.StartResourceAsync("worker");
        }

        await _api.WaitForPreviewAsync(clock.Id, TimeSpan.FromSeconds(90));
        using var fromPreview = await GetThumbnailAsync(clock.Id, "t=5.5&format=png");
        Assert.Equal("preview", fromPreview.Headers.GetValues("X-Thumbnail-Source").Single());
        Assert.Equal(TestMedia.ColorAt(4), await MediaInspector.CenterColorAsync(await fromPreview.Content.ReadAsByteArrayAsync(), ".png"));
    }

    [Fact]
    public async Task A_repeated_thumbnail_is_served_from_the_process_without_asking_redis()
    {
        var before = await RedisCacheReadsAsync();
        using var first = await GetThumbnailAsync(_long.Id, "t=30.5&width=96");
        var afterFirst = await RedisCacheReadsAsync();
        using var second = await GetThumbnailAsync(_long.Id, "t=30.5&width=96");
        var afterSecond = await RedisCacheReadsAsync();

        Assert.Equal("miss", first.Headers.GetValues("X-Thumbnail-Cache").Single());
        Assert.Equal("hit", second.Headers.GetValues("X-Thumbnail-Cache").Single());
        Assert.True(afterFirst > before, "the first request did not look in Redis: the count proves nothing");
        Assert.Equal(afterFirst, afterSecond);
        Assert.Equal(await first.Content.ReadAsByteArrayAsync(), await second.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Deleting_a_video_removes_its_previews_and_its_thumbnails_from_both_cache_levels()
    {
        var video = await _api.UploadAsync(_media.Clock);
        await _api.WaitForPreviewAsync(video.Id);
        (await GetThumbnailAsync(video.Id, "t=1&width=64")).Dispose();
        // HybridCache answers before its write to Redis has finished.
        Assert.NotEmpty(await Poll.UntilAsync(() => Task.FromResult(stack.Cache.Keys($"video-editor:thumbnails:{video.Id}:*")), keys => keys.Count > 0, TimeSpan.FromSeconds(10)));

        using var deleted = await _api.Http.DeleteAsync(_api.Url($"/api/videos/{video.Id}"));
        using var thumbnail = await GetThumbnailAsync(video.Id, "t=1&width=64");
        using var storyboard = await _api.Http.GetAsync(_api.Url($"/api/videos/{video.Id}/storyboard.jpg"));

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, thumbnail.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, storyboard.StatusCode);
        Assert.Empty(stack.Cache.Keys($"video-editor:thumbnails:{video.Id}*"));
        Assert.False(Directory.Exists(Path.Combine(stack.MediaDirectory, "videos", video.Id)));
    }

    [Fact]
    public async Task The_outputs_of_a_job_get_previews_like_uploads()
    {
        var clock = await _api.UploadAsync(_media.Clock);
        var job = await _api.WaitForJobAsync((await _api.SubmitAsync(clock.Id, "trim", new { start = 4, end = 10, mode = "copy" })).Id);
        var output = Assert.Single(job.Outputs);

        await _api.WaitForPreviewAsync(output.Id);
        using var thumbnail = await GetThumbnailAsync(output.Id, "t=1.5&format=png");

        Assert.Equal("preview", thumbnail.Headers.GetValues("X-Thumbnail-Source").Single());
        Assert.Equal(TestMedia.ColorAt(4), await MediaInspector.CenterColorAsync(await thumbnail.Content.ReadAsByteArrayAsync(), ".png"));
    }

    [Fact]
    public async Task A_preview_job_delivered_again_succeeds_and_leaves_the_previews_as_they_were()
    {
        var jobId = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes($"{_long.Id}/preview")).AsSpan(0, 16));
        var job = await _api.GetJobAsync(jobId);
        Assert.Equal(("preview", "succeeded", _long.Id), (job.Type, job.Status, job.VideoId));
        var preview = Path.Combine(stack.MediaDirectory, "videos", _long.Id, "preview");
        var before = FilesAndTimes(preview);

        // As after a crash: the job is queued again and its message delivered a second time.
        var database = stack.Queue.GetDatabase();
        var stored = (string)(await database.StringGetAsync($"video-editor:jobs:{jobId}"))!;
        await database.StringSetAsync($"video-editor:jobs:{jobId}", stored.Replace("\"status\":\"succeeded\"", "\"status\":\"queued\"", StringComparison.Ordinal));
        await database.StreamAddAsync("video-editor:jobs:queue", "jobId", jobId);
        await stack.Queue.GetSubscriber().PublishAsync(StackExchange.Redis.RedisChannel.Literal("video-editor:jobs:new"), jobId);
        var again = await _api.WaitForJobAsync(jobId, TimeSpan.FromSeconds(60), current => current.Status is "succeeded" or "failed");

        Assert.Equal("succeeded", again.Status);
        Assert.True(again.FinishedAt > job.FinishedAt, "the job did not run again");
        Assert.Equal(before, FilesAndTimes(preview));
        Assert.Empty(Directory.GetFileSystemEntries(Path.Combine(stack.MediaDirectory, "preview-staging"), $"{_long.Id}.*"));
    }

    private static List<string> FilesAndTimes(string folder) =>
        Directory.GetFiles(folder).Order().Select(path => $"{Path.GetFileName(path)} {File.GetLastWriteTimeUtc(path):O}").ToList();

    private Task<HttpResponseMessage> GetThumbnailAsync(string videoId, string query) =>
        _api.Http.GetAsync(_api.Url($"/api/videos/{videoId}/thumbnail?{query}"));

    private Task<string> ScrapeApiAsync() => stack.Http.GetStringAsync(new Uri(stack.Endpoint("api"), "/metrics"));

    private static long FFmpegThumbnailRuns(string scrape) => Sum(scrape, "video_editor_ffmpeg_duration_seconds_count", "operation=\"thumbnail\"");

    private static long PreviewRenders(string scrape) => Sum(scrape, "video_editor_thumbnail_renders_total", "source=\"preview\"");

    private static long Sum(string scrape, string name, string label) =>
        Regex.Matches(scrape, $"^{Regex.Escape(name)}{{([^}}]*)}} ([0-9.eE+-]+)$", RegexOptions.Multiline)
            .Where(match => match.Groups[1].Value.Contains(label, StringComparison.Ordinal))
            .Sum(match => (long)double.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture));

    /// <summary>How many reads the thumbnail cache's Redis level has served (RedisCache reads hashes with HMGET).</summary>
    private Task<long> RedisCacheReadsAsync() => stack.Cache.CommandCallsAsync("hmget|hgetall");

    private static double Seconds(string timestamp) => TimeSpan.ParseExact(timestamp, @"hh\:mm\:ss\.fff", CultureInfo.InvariantCulture).TotalSeconds;

    private static int Int(string value) => int.Parse(value, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"(?<start>\d\d:\d\d:\d\d\.\d\d\d) --> (?<end>\d\d:\d\d:\d\d\.\d\d\d)\nstoryboard\.jpg#xywh=(?<x>\d+),(?<y>\d+),(?<w>\d+),(?<h>\d+)\n")]
    private static partial Regex Cue();
}
