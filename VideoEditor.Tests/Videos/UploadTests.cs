using System.Net;
using System.Net.Http.Json;
using VideoEditor.Tests.Support;

namespace VideoEditor.Tests.Videos;

public sealed class UploadTests(ApiHost host) : IClassFixture<ApiHost>
{
    private readonly VideoApi _api = host.Api;

    [Fact]
    public async Task Upload_answers_201_with_the_metadata_ffprobe_reports()
    {
        var media = await TestMedia.GetAsync();
        var expected = await MediaInspector.ProbeAsync(media.Clock);

        using var response = await _api.UploadRawAsync(media.Clock);
        var video = (await response.Content.ReadFromJsonAsync<VideoDto>(VideoApi.Json))!;

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal($"/api/videos/{video.Id}", response.Headers.Location?.ToString());
        Assert.Matches("^[0-9a-f]{32}$", video.Id);
        Assert.Equal("clock.mp4", video.FileName);
        Assert.Equal(new FileInfo(media.Clock).Length, video.SizeBytes);
        Assert.Equal("mp4", video.Format);
        Assert.Equal(expected.Duration, video.DurationSeconds, 3);
        Assert.Equal(expected.Video.Width, video.Width);
        Assert.Equal(expected.Video.Height, video.Height);
        Assert.Equal(expected.Video.FrameRate, video.FrameRate, 2);
        Assert.Equal("h264", video.VideoCodec);
        Assert.Equal("aac", video.AudioCodec);
        Assert.True(video.BitRate > 0);
        Assert.Equal(0, video.Rotation);
    }

    [Fact]
    public async Task Webm_reports_vp9_and_opus()
    {
        var media = await TestMedia.GetAsync();

        var video = await _api.UploadAsync(media.ClockWebm);

        Assert.Equal("webm", video.Format);
        Assert.Equal("vp9", video.VideoCodec);
        Assert.Equal("opus", video.AudioCodec);
        Assert.Equal((await MediaInspector.ProbeAsync(media.ClockWebm)).Duration, video.DurationSeconds, 3);
    }

    [Fact]
    public async Task A_video_recorded_sideways_reports_its_upright_size()
    {
        var media = await TestMedia.GetAsync();
        var probed = await MediaInspector.ProbeAsync(media.Rotated);
        Assert.Equal(90, Math.Abs(probed.Video.Rotation));

        var video = await _api.UploadAsync(media.Rotated);

        Assert.Equal(240, video.Width);
        Assert.Equal(320, video.Height);
        Assert.Contains(video.Rotation, new[] { 90, 270 });
    }

    [Fact]
    public async Task A_video_without_sound_has_no_audio_codec()
    {
        var media = await TestMedia.GetAsync();

        var video = await _api.UploadAsync(media.Silent);

        Assert.Null(video.AudioCodec);
    }

    [Fact]
    public async Task Get_and_list_return_the_uploaded_video()
    {
        var media = await TestMedia.GetAsync();
        var uploaded = await _api.UploadAsync(media.Clock, "holiday.mp4");

        var fetched = await _api.Http.GetFromJsonAsync<VideoDto>(_api.Url($"/api/videos/{uploaded.Id}"), VideoApi.Json);
        var page = await _api.Http.GetFromJsonAsync<VideoPageDto>(_api.Url("/api/videos?page=1&pageSize=100"), VideoApi.Json);

        Assert.Equal(uploaded, fetched);
        Assert.Contains(page!.Items, video => video.Id == uploaded.Id && video.FileName == "holiday.mp4");
        Assert.True(page.Total >= page.Items.Count);
        Assert.Equal(page.Items.OrderByDescending(video => video.CreatedAt).Select(video => video.Id), page.Items.Select(video => video.Id));
    }

    [Fact]
    public async Task Content_is_the_original_bytes_with_range_support()
    {
        var media = await TestMedia.GetAsync();
        var video = await _api.UploadAsync(media.Clock);
        var original = await File.ReadAllBytesAsync(media.Clock);

        using var whole = await _api.Http.GetAsync(_api.Url($"/api/videos/{video.Id}/content"));
        using var request = new HttpRequestMessage(HttpMethod.Get, _api.Url($"/api/videos/{video.Id}/content"));
        request.Headers.Range = new System.Net.Http.Headers.RangeHeaderValue(100, 199);
        using var part = await _api.Http.SendAsync(request);

        Assert.Equal("video/mp4", whole.Content.Headers.ContentType?.MediaType);
        Assert.Equal(original, await whole.Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.PartialContent, part.StatusCode);
        Assert.Equal(original[100..200], await part.Content.ReadAsByteArrayAsync());
        Assert.Equal($"bytes 100-199/{original.Length}", part.Content.Headers.ContentRange?.ToString());
    }

    [Fact]
    public async Task Delete_removes_the_video_its_file_and_its_cached_thumbnails()
    {
        var media = await TestMedia.GetAsync();
        var video = await _api.UploadAsync(media.Clock);
        (await _api.Http.GetAsync(_api.Url($"/api/videos/{video.Id}/thumbnail?t=1"))).Dispose();
        Assert.NotEmpty(host.Cache.Keys($"video-editor:thumbnails:{video.Id}*"));

        using var deleted = await _api.Http.DeleteAsync(_api.Url($"/api/videos/{video.Id}"));
        using var afterwards = await _api.Http.GetAsync(_api.Url($"/api/videos/{video.Id}"));
        using var again = await _api.Http.DeleteAsync(_api.Url($"/api/videos/{video.Id}"));

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, afterwards.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        Assert.False(Directory.Exists(Path.Combine(host.MediaDirectory, "videos", video.Id)));
        Assert.Empty(host.Cache.Keys($"video-editor:thumbnails:{video.Id}*"));
    }

    [Theory]
    [InlineData("0123456789abcdef0123456789abcdef")]
    [InlineData("..%2F..%2Fetc%2Fpasswd")]
    [InlineData("ZZZ")]
    public async Task Unknown_or_malformed_ids_get_404_problem(string id)
    {
        using var response = await _api.Http.GetAsync(_api.Url($"/api/videos/{id}"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var problem = await VideoApi.ProblemAsync(response);
        Assert.Equal(404, problem.GetProperty("status").GetInt32());
    }

    [Theory]
    [InlineData("page=0")]
    [InlineData("pageSize=1000")]
    public async Task List_refuses_bad_paging(string query)
    {
        using var response = await _api.Http.GetAsync(_api.Url($"/api/videos?{query}"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}
