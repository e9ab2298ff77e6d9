using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using VideoEditor.Tests.Support;

namespace VideoEditor.Tests.Videos;

/// <summary>Uploads that must be refused with their documented status, leaving nothing on disk.</summary>
public sealed class UploadRefusalTests(ApiHost host) : IClassFixture<ApiHost>
{
    private readonly VideoApi _api = host.Api;

    [Theory]
    [InlineData("audio.m4a", HttpStatusCode.UnsupportedMediaType)]
    [InlineData("image.png", HttpStatusCode.UnsupportedMediaType)]
    [InlineData("random.mp4", HttpStatusCode.UnsupportedMediaType)]
    [InlineData("empty.mp4", HttpStatusCode.UnsupportedMediaType)]
    [InlineData("truncated.mp4", HttpStatusCode.UnprocessableEntity)]
    [InlineData("ffv1.mkv", HttpStatusCode.UnprocessableEntity)]
    public async Task Refuses_what_is_not_a_usable_video(string file, HttpStatusCode expected)
    {
        var media = await TestMedia.GetAsync();

        await AssertRefusedAsync(() => _api.UploadRawAsync(media.PathOf(file)), expected);
    }

    [Theory]
    [InlineData("too-wide.mp4", "8200x16")]
    [InlineData("too-long.mp4", "18000 s")]
    [InlineData("too-many-streams.mp4", "18 streams")]
    public async Task A_video_past_a_limit_gets_422_saying_which(string file, string detail)
    {
        var media = await TestMedia.GetAsync();

        var problem = await AssertRefusedAsync(() => _api.UploadRawAsync(media.PathOf(file)), HttpStatusCode.UnprocessableEntity);

        Assert.Contains(detail, problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_video_with_thousands_of_tags_is_accepted_as_the_video_it_is()
    {
        var media = await TestMedia.GetAsync();

        var video = await _api.UploadAsync(media.TagBombed);

        Assert.Equal("mkv", video.Format);
        Assert.Equal(64, video.Width);
    }

    [Fact]
    public async Task A_playlist_disguised_as_mp4_is_refused_without_reading_the_file_it_names()
    {
        var media = await TestMedia.GetAsync();
        // Were the playlist followed, this upload would be accepted as the clock video it names.
        var playlist = media.Playlist("local-playlist.mp4", media.Clock);

        await AssertRefusedAsync(() => _api.UploadRawAsync(playlist), HttpStatusCode.UnsupportedMediaType);
    }

    [Fact]
    public async Task A_concat_script_disguised_as_mp4_is_refused_without_reading_the_file_it_names()
    {
        var media = await TestMedia.GetAsync();
        var script = media.ConcatScript("local-concat.mp4", media.Clock);

        await AssertRefusedAsync(() => _api.UploadRawAsync(script), HttpStatusCode.UnsupportedMediaType);
    }

    [Fact]
    public async Task A_playlist_or_concat_script_naming_a_url_never_opens_a_connection()
    {
        var media = await TestMedia.GetAsync();
        using var canary = new TcpListener(IPAddress.Loopback, 0);
        canary.Start();
        var url = $"http://127.0.0.1:{((IPEndPoint)canary.LocalEndpoint).Port}/segment.ts";

        await AssertRefusedAsync(() => _api.UploadRawAsync(media.Playlist("url-playlist.mp4", url)), HttpStatusCode.UnsupportedMediaType);
        await AssertRefusedAsync(() => _api.UploadRawAsync(media.ConcatScript("url-concat.mp4", url)), HttpStatusCode.UnsupportedMediaType);

        await Task.Delay(500);
        Assert.False(canary.Pending(), "ffmpeg or ffprobe connected to the URL named in the upload");
    }

    [Fact]
    public async Task A_file_over_the_size_limit_gets_413()
    {
        var big = Path.Combine(Path.GetTempPath(), $"big-{Guid.NewGuid():n}.mp4");
        await File.WriteAllBytesAsync(big, new byte[ApiHost.MaxUploadBytes + 1]);
        try
        {
            await AssertRefusedAsync(() => _api.UploadRawAsync(big), HttpStatusCode.RequestEntityTooLarge);
        }
        finally
        {
            File.Delete(big);
        }
    }

    [Fact]
    public async Task A_body_that_is_not_multipart_gets_415()
    {
        var problem = await AssertRefusedAsync(
            () => _api.Http.PostAsync(_api.Url("/api/videos"), new ByteArrayContent(Encoding.UTF8.GetBytes("not a form"))),
            HttpStatusCode.UnsupportedMediaType);

        // The receiver's answer, saying what to send: not routing's bare 415 (content types declared on the endpoint).
        Assert.Equal("Not a multipart upload", problem.GetProperty("title").GetString());
    }

    [Fact]
    public async Task A_form_without_a_file_field_gets_400()
    {
        using var form = new MultipartFormDataContent { { new StringContent("hello"), "title" } };

        await AssertRefusedAsync(() => _api.Http.PostAsync(_api.Url("/api/videos"), form), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_client_that_disconnects_mid_upload_leaves_nothing_behind()
    {
        var videosBefore = Entries("videos");

        using (var client = new TcpClient())
        {
            await host.StartRawUploadAsync(client, "cut.mp4", contentLength: 5_000_000, sent: 256 * 1024);
        }

        await AssertNothingLeftAsync(videosBefore);
    }

    [Fact]
    public async Task A_slow_loris_upload_is_cut_off_and_leaves_nothing_behind()
    {
        var videosBefore = Entries("videos");
        using var client = new TcpClient();
        var stream = await host.StartRawUploadAsync(client, "slow.mp4", contentLength: 100_000, sent: 1024);

        // One byte a second, far below the minimum data rate (240 bytes/s after a 5 s grace period).
        var cutOff = false;
        for (var second = 0; second < 30 && !cutOff; second++)
        {
            try
            {
                await stream.WriteAsync(new byte[1]);
                await Task.Delay(TimeSpan.FromSeconds(1));
                cutOff = client.Client.Poll(0, SelectMode.SelectRead); // an answer or a close
            }
            catch (IOException)
            {
                cutOff = true;
            }
        }

        Assert.True(cutOff, "the server still waits for a body arriving at 1 byte/s after 30 s");
        await AssertNothingLeftAsync(videosBefore);
        using var stillServing = await _api.Http.GetAsync(_api.Url("/api/videos"));
        Assert.Equal(HttpStatusCode.OK, stillServing.StatusCode);
    }

    [Fact]
    public async Task A_part_with_oversized_headers_gets_400()
    {
        const string boundary = "----huge";
        var body = $"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"x.mp4\"\r\nX-Padding: {new string('a', 64 * 1024)}\r\n\r\nabc\r\n--{boundary}--\r\n";
        using var content = new ByteArrayContent(Encoding.ASCII.GetBytes(body));
        content.Headers.TryAddWithoutValidation("Content-Type", $"multipart/form-data; boundary={boundary}");

        var problem = await AssertRefusedAsync(() => _api.Http.PostAsync(_api.Url("/api/videos"), content), HttpStatusCode.BadRequest);

        Assert.Contains("multipart", problem.GetProperty("detail").GetString(), StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("../../etc/passwd.mp4", "passwd.mp4")]
    [InlineData("C:\\Users\\me\\clip.mp4", "clip.mp4")]
    [InlineData("été \u0001 vidéo.mp4", "été  vidéo.mp4")]
    public async Task Path_like_file_names_keep_only_the_name(string sent, string kept)
    {
        var media = await TestMedia.GetAsync();

        var video = await _api.UploadAsync(media.Silent, sent);

        Assert.Equal(kept, video.FileName);
    }

    [Fact]
    public async Task A_file_name_that_is_not_utf8_is_kept_with_replacement_characters()
    {
        var media = await TestMedia.GetAsync();
        const string boundary = "----latin1";
        using var body = new MemoryStream();
        body.Write(Encoding.ASCII.GetBytes($"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"vid"));
        body.WriteByte(0xE9); // "é" in Latin-1: not UTF-8.
        body.Write(Encoding.ASCII.GetBytes("o.mp4\"\r\nContent-Type: video/mp4\r\n\r\n"));
        body.Write(await File.ReadAllBytesAsync(media.Silent));
        body.Write(Encoding.ASCII.GetBytes($"\r\n--{boundary}--\r\n"));
        using var content = new ByteArrayContent(body.ToArray());
        content.Headers.TryAddWithoutValidation("Content-Type", $"multipart/form-data; boundary={boundary}");

        using var response = await _api.Http.PostAsync(_api.Url("/api/videos"), content);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var video = await response.Content.ReadFromJsonAsync<VideoDto>(VideoApi.Json);
        Assert.Equal("vid\uFFFDo.mp4", video!.FileName);
    }

    private async Task<System.Text.Json.JsonElement> AssertRefusedAsync(Func<Task<HttpResponseMessage>> send, HttpStatusCode expected)
    {
        var videosBefore = Entries("videos");

        using var response = await send();

        var body = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"expected {expected}, got {response.StatusCode}: {body}");
        var problem = await VideoApi.ProblemAsync(response);
        Assert.Equal((int)expected, problem.GetProperty("status").GetInt32());
        Assert.Equal(videosBefore, Entries("videos"));
        Assert.Empty(Entries("staging"));
        return problem;
    }

    /// <summary>The staging folder empties, and no video was added.</summary>
    private async Task AssertNothingLeftAsync(string[] videosBefore)
    {
        var left = await Poll.UntilAsync(() => Task.FromResult(Entries("staging")), staged => staged.Length == 0, TimeSpan.FromSeconds(15));
        Assert.Empty(left);
        Assert.Equal(videosBefore, Entries("videos"));
    }

    private string[] Entries(string folder) => host.MediaEntries(folder);
}
