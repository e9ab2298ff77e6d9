using System.Net;
using System.Net.Http.Json;
using VideoEditor.Tests.Support;

namespace VideoEditor.Tests.Jobs;

/// <summary>Trim, split and process outputs, checked with ffprobe and by the colour of their frames.</summary>
[Trait("Category", "Stack")]
[Collection(JobStackCollection.Name)]
public sealed class JobOutputTests(JobStackFixture stack, ClassSetup setup) : IClassFixture<ClassSetup>, IAsyncLifetime
{
    private const double OneFrame = 1.0 / TestMedia.ClockFps;

    private readonly VideoApi _api = stack.Api;
    private readonly string _downloads = Directory.CreateTempSubdirectory("job-outputs-").FullName;
    private VideoDto _clock = null!;

    // One upload for the class: every test makes new videos from it, none changes or deletes it.
    public async Task InitializeAsync() => _clock = await setup.OnceAsync(async () => await _api.UploadAsync((await TestMedia.GetAsync()).Clock));

    public Task DisposeAsync()
    {
        Directory.Delete(_downloads, recursive: true);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Accurate_trim_lasts_end_minus_start_within_a_frame_and_starts_at_start()
    {
        var job = await RunAsync("trim", new { start = 2.5, end = 6.0, mode = "accurate" });

        var output = Assert.Single(job.Outputs);
        var file = await DownloadAsync(output);
        var probed = await MediaInspector.ProbeAsync(file);
        Assert.InRange(probed.Duration, 3.5 - OneFrame, 3.5 + OneFrame);
        Assert.Equal(3.5, output.DurationSeconds, OneFrame);
        Assert.Equal(("h264", "aac"), (probed.Video.Codec, probed.Audio?.Codec));
        Assert.Equal(TestMedia.ColorAt(2.5), MediaInspector.NearestColor(await MediaInspector.CenterPixelAsync(file)));
    }

    [Fact]
    public async Task Copy_trim_keeps_the_codecs_and_starts_at_the_keyframe_before_start()
    {
        var job = await RunAsync("trim", new { start = 5.0, end = 7.0, mode = "copy" });

        var output = Assert.Single(job.Outputs);
        var file = await DownloadAsync(output);
        var probed = await MediaInspector.ProbeAsync(file);
        Assert.Equal("mp4", output.Format);
        Assert.Equal(("h264", "aac"), (probed.Video.Codec, probed.Audio?.Codec));
        // The packets start at the keyframe at 4 s; the mp4 edit list starts playback at 5 s.
        Assert.InRange(probed.Duration, 2 - OneFrame, 3 + OneFrame);
        var firstPacket = await FirstVideoPacketColorAsync(file);
        Assert.Equal(TestMedia.ColorAt(4), firstPacket);
    }

    [Fact]
    public async Task Split_at_times_outputs_every_piece_in_order()
    {
        var job = await RunAsync("split", new { at = new[] { 3.0, 7.5 }, mode = "accurate" });

        Assert.Equal(3, job.Outputs.Count);
        double[] expected = [3.0, 4.5, 4.5];
        double[] starts = [0, 3.0, 7.5];
        for (var index = 0; index < 3; index++)
        {
            var file = await DownloadAsync(job.Outputs[index]);
            Assert.InRange((await MediaInspector.ProbeAsync(file)).Duration, expected[index] - OneFrame, expected[index] + OneFrame);
            Assert.Equal(TestMedia.ColorAt(starts[index]), MediaInspector.NearestColor(await MediaInspector.CenterPixelAsync(file)));
            Assert.EndsWith($"-part{index + 1}.mp4", job.Outputs[index].FileName);
        }
    }

    [Fact]
    public async Task Split_into_segments_of_a_length()
    {
        var job = await RunAsync("split", new { segmentSeconds = 5, mode = "accurate" });

        Assert.Equal([5.0, 5.0, 2.0], job.Outputs.Select(output => Math.Round(output.DurationSeconds, 1)));
    }

    [Fact]
    public async Task Process_to_mp4_scales_and_changes_the_frame_rate()
    {
        var job = await RunAsync("process", new { format = "mp4", width = 160, fps = 12 });

        var output = Assert.Single(job.Outputs);
        var probed = await MediaInspector.ProbeAsync(await DownloadAsync(output));
        Assert.Equal(("h264", "aac"), (probed.Video.Codec, probed.Audio?.Codec));
        Assert.Equal((160, 120), (probed.Video.Width, probed.Video.Height));
        Assert.Equal(12, probed.Video.FrameRate, 1);
        Assert.InRange(probed.Duration, TestMedia.ClockSeconds - 0.1, TestMedia.ClockSeconds + 0.1);
    }

    [Fact]
    public async Task Process_to_webm_is_vp9_and_opus_and_mute_drops_the_sound()
    {
        var webm = await RunAsync("process", new { format = "webm", height = 120 });
        var mute = await RunAsync("process", new { format = "mp4", mute = true });

        var webmProbe = await MediaInspector.ProbeAsync(await DownloadAsync(Assert.Single(webm.Outputs)));
        var muteProbe = await MediaInspector.ProbeAsync(await DownloadAsync(Assert.Single(mute.Outputs)));
        Assert.Equal(("vp9", "opus"), (webmProbe.Video.Codec, webmProbe.Audio?.Codec));
        Assert.Equal((160, 120), (webmProbe.Video.Width, webmProbe.Video.Height));
        Assert.Contains("webm", webmProbe.FormatName);
        Assert.Null(muteProbe.Audio);
        Assert.Null(Assert.Single(mute.Outputs).AudioCodec);
    }

    [Fact]
    public async Task An_output_is_a_video_in_its_own_right()
    {
        var job = await RunAsync("trim", new { start = 1.0, end = 3.0 });
        var output = Assert.Single(job.Outputs);

        var fetched = await _api.Http.GetFromJsonAsync<VideoDto>(_api.Url($"/api/videos/{output.Id}"), VideoApi.Json);
        using var thumbnail = await _api.Http.GetAsync(_api.Url($"/api/videos/{output.Id}/thumbnail?t=0.5&accurate=true&format=png"));
        var again = await RunAsync("trim", new { start = 0.0, end = 1.0 }, output.Id);

        Assert.Equal(output, fetched);
        Assert.Equal(TestMedia.ColorAt(1.5), await MediaInspector.CenterColorAsync(await thumbnail.Content.ReadAsByteArrayAsync(), ".png"));
        Assert.Equal(1.0, Assert.Single(again.Outputs).DurationSeconds, OneFrame);
    }

    [Fact]
    public async Task A_finished_job_reports_its_times_and_full_progress()
    {
        var job = await RunAsync("trim", new { start = 0.0, end = 1.0, mode = "copy" });

        Assert.Equal("trim", job.Type);
        Assert.Equal(_clock.Id, job.VideoId);
        Assert.Equal(1, job.Progress);
        Assert.Null(job.Error);
        Assert.True(job.CreatedAt <= job.StartedAt && job.StartedAt <= job.FinishedAt);
    }

    private async Task<JobDto> RunAsync(string operation, object body, string? videoId = null)
    {
        var submitted = await _api.SubmitAsync(videoId ?? _clock.Id, operation, body);
        Assert.Equal("queued", submitted.Status);
        return await _api.WaitForSuccessAsync(submitted.Id);
    }

    private async Task<string> DownloadAsync(VideoDto video)
    {
        var path = Path.Combine(_downloads, $"{video.Id}.{video.Format}");
        await File.WriteAllBytesAsync(path, await _api.ContentAsync(video.Id));
        return path;
    }

    /// <summary>The colour of the first packet in the file, ignoring the edit list that hides the lead-in.</summary>
    private static async Task<string> FirstVideoPacketColorAsync(string file)
    {
        var frame = Path.Combine(Path.GetTempPath(), $"first-{Guid.NewGuid():n}.png");
        try
        {
            var result = await ExternalCommand.RunAsync("ffmpeg", ["-v", "error", "-ignore_editlist", "1", "-i", file, "-frames:v", "1", frame]);
            Assert.True(result.ExitCode == 0, result.ToString());
            return MediaInspector.NearestColor(await MediaInspector.CenterPixelAsync(frame));
        }
        finally
        {
            File.Delete(frame);
        }
    }
}
