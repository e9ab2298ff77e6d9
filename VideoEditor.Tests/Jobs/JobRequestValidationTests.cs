using VideoEditor.Api.Jobs;
using VideoEditor.Media.FFmpeg;
using VideoEditor.Media.Videos;

namespace VideoEditor.Tests.Jobs;

/// <summary>How a trim, split or process request is checked against its video and turned into the worker's work.</summary>
public sealed class JobRequestValidationTests
{
    private static readonly Video TenSeconds = new("0123456789abcdef0123456789abcdef", "clip.mp4", 1000, "mp4", 10, 320, 240, 0, 24, "h264", "aac", 100_000, DateTimeOffset.UnixEpoch);

    [Fact]
    public void A_trim_is_one_cut_from_start_for_end_minus_start_accurate_by_default()
    {
        var (work, errors) = JobRequestValidation.Trim(new TrimRequest(2.5, 6, null), TenSeconds);

        Assert.Empty(errors);
        Assert.Equal([new CutSpec(2.5, 3.5, CutMode.Accurate)], work!.Cuts);
        Assert.Null(work.Transcode);
    }

    [Fact]
    public void A_trim_may_end_a_millisecond_past_the_duration_and_then_ends_at_it()
    {
        var (work, _) = JobRequestValidation.Trim(new TrimRequest(null, 10.0009, "copy"), TenSeconds);

        Assert.Equal([new CutSpec(0, 10, CutMode.Copy)], work!.Cuts);
    }

    [Theory]
    [InlineData(-1, 2, null, "start")]
    [InlineData(10, 11, null, "start")]
    [InlineData(double.NaN, 2, null, "start")]
    [InlineData(6, 2, null, "end")]
    [InlineData(1, 10.01, null, "end")]
    [InlineData(1, double.PositiveInfinity, null, "end")]
    [InlineData(1, 2, "fast", "mode")]
    public void A_bad_trim_names_the_field(double start, double end, string? mode, string field)
    {
        var (work, errors) = JobRequestValidation.Trim(new TrimRequest(start, end, mode), TenSeconds);

        Assert.Null(work);
        Assert.Contains(field, errors.Keys);
    }

    [Fact]
    public void A_trim_without_an_end_is_refused()
    {
        var (work, errors) = JobRequestValidation.Trim(new TrimRequest(1, null, null), TenSeconds);

        Assert.Null(work);
        Assert.Equal(["end"], errors.Keys);
    }

    [Fact]
    public void A_split_at_times_cuts_every_piece_between_them_and_the_ends()
    {
        var (work, errors) = JobRequestValidation.Split(new SplitRequest([3, 7.5], null, "copy"), TenSeconds);

        Assert.Empty(errors);
        Assert.Equal([new CutSpec(0, 3, CutMode.Copy), new CutSpec(3, 4.5, CutMode.Copy), new CutSpec(7.5, 2.5, CutMode.Copy)], work!.Cuts);
    }

    [Fact]
    public void A_split_into_segments_ends_with_what_is_left()
    {
        var (work, _) = JobRequestValidation.Split(new SplitRequest(null, 4, null), TenSeconds);

        Assert.Equal([new CutSpec(0, 4, CutMode.Accurate), new CutSpec(4, 4, CutMode.Accurate), new CutSpec(8, 2, CutMode.Accurate)], work!.Cuts);
    }

    [Fact]
    public void A_split_makes_at_most_the_maximum_number_of_pieces()
    {
        var tenth = TenSeconds.DurationSeconds / JobRequestValidation.MaxPieces;

        Assert.Equal(JobRequestValidation.MaxPieces, JobRequestValidation.Split(new SplitRequest(null, tenth, null), TenSeconds).Work!.Cuts!.Count);
        Assert.Null(JobRequestValidation.Split(new SplitRequest(null, tenth * 0.99, null), TenSeconds).Work);
        var points = Enumerable.Range(1, JobRequestValidation.MaxPieces).Select(index => index * 0.09).ToArray();
        Assert.Null(JobRequestValidation.Split(new SplitRequest(points, null, null), TenSeconds).Work);
        Assert.NotNull(JobRequestValidation.Split(new SplitRequest(points[..^1], null, null), TenSeconds).Work);
    }

    [Theory]
    [InlineData(new[] { 0.0 }, null, "at")]
    [InlineData(new[] { 10.0 }, null, "at")]
    [InlineData(new[] { 8.0, 4.0 }, null, "at")]
    [InlineData(new[] { 4.0, 4.0 }, null, "at")]
    [InlineData(new double[0], null, "at")]
    [InlineData(new[] { 4.0 }, 2.0, "at")]
    [InlineData(null, null, "at")]
    [InlineData(null, 0.0, "segmentSeconds")]
    [InlineData(null, -2.0, "segmentSeconds")]
    public void A_bad_split_names_the_field(double[]? at, double? segmentSeconds, string field)
    {
        var (work, errors) = JobRequestValidation.Split(new SplitRequest(at, segmentSeconds, null), TenSeconds);

        Assert.Null(work);
        Assert.Contains(field, errors.Keys);
    }

    [Fact]
    public void A_process_request_becomes_a_transcode_silent_only_when_asked()
    {
        var (work, errors) = JobRequestValidation.Process(new ProcessRequest(640, null, "webm", 30, null), 8192);

        Assert.Empty(errors);
        Assert.Null(work!.Cuts);
        Assert.Equal(new TranscodeSpec("webm", 640, null, 30, false), work.Transcode);
    }

    [Theory]
    [InlineData(null, null, "avi", null, "format")]
    [InlineData(null, null, null, null, "format")]
    [InlineData(1, null, "mp4", null, "width")]
    [InlineData(8193, null, "mp4", null, "width")]
    [InlineData(null, 0, "mp4", null, "height")]
    [InlineData(null, null, "mp4", 0.0, "fps")]
    [InlineData(null, null, "mp4", 241.0, "fps")]
    [InlineData(null, null, "mp4", double.NaN, "fps")]
    public void A_bad_process_request_names_the_field(int? width, int? height, string? format, double? fps, string field)
    {
        var (work, errors) = JobRequestValidation.Process(new ProcessRequest(width, height, format, fps, null), 8192);

        Assert.Null(work);
        Assert.Contains(field, errors.Keys);
    }
}
