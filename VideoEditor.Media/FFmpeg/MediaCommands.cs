using System.Globalization;
using FFMpegCore;
using FFMpegCore.Pipes;
using Microsoft.Extensions.Options;
using VideoEditor.Media.Videos;

namespace VideoEditor.Media.FFmpeg;

/// <summary>
/// Every ffmpeg and ffprobe command line the service runs, in one place. Each one that reads a user's file opens
/// it with <see cref="SafeInput"/>: local files only, only the demuxers and decoders of what we accept, no picture
/// larger than the limit, and a bounded number of threads.
/// </summary>
public sealed class MediaCommands(IOptions<FFmpegOptions> ffmpeg, IOptions<VideoLimits> limits)
{
    /// <summary>
    /// Input options for any file that came from a user. <c>-max_pixels</c> holds every decoder to the accepted
    /// picture size even where a stream changes size after the header the probe read; the thread count bounds each
    /// decoder's frame buffers as well as its CPU.
    /// </summary>
    public string SafeInput => string.Create(CultureInfo.InvariantCulture,
        $"-protocol_whitelist file -format_whitelist {MediaContainers.DemuxerWhitelist} -codec_whitelist {MediaContainers.DecoderWhitelist} -max_pixels {limits.Value.MaxPixels} {Threads}");

    /// <summary>The thread bound, on the input (decoding) and on every output (encoding).</summary>
    private string Threads => string.Create(CultureInfo.InvariantCulture, $"-threads {ffmpeg.Value.ThreadsPerRun}");

    /// <summary>
    /// Output options of every job output: ffmpeg stops writing at the size of the largest upload (a job's output is a
    /// video like any other), and the job then refuses what it wrote.
    /// </summary>
    private string SizeLimit => string.Create(CultureInfo.InvariantCulture, $"-fs {limits.Value.MaxUploadBytes}");

    private const string H264 = "-c:v libx264 -preset veryfast -crf 20 -pix_fmt yuv420p";
    private const string Aac = "-c:a aac -b:a 160k";
    private const string Vp9 = "-c:v libvpx-vp9 -deadline realtime -cpu-used 8 -row-mt 1 -b:v 0 -crf 32 -pix_fmt yuv420p";
    private const string Opus = "-c:a libopus -b:a 128k";

    /// <summary>
    /// ffprobe's arguments: JSON with only the fields <see cref="Probing.ProbeReport"/> reads. Tags are asked for by
    /// name, so a file's other tags, however many, are never printed.
    /// </summary>
    public IReadOnlyList<string> ProbeArguments(string input) =>
    [
        "-v", "error", "-hide_banner", .. SafeInput.Split(' '), "-print_format", "json", "-show_entries",
        "format=format_name,duration,bit_rate,nb_streams:format_tags=major_brand"
            + ":stream=codec_type,codec_name,width,height,avg_frame_rate,r_frame_rate:stream_disposition=attached_pic"
            + ":stream_tags=rotate:stream_side_data=rotation",
        "-i", input,
    ];

    /// <summary>Decodes the first video frame and throws it away: proves the stream can be decoded at all.</summary>
    public FFMpegArgumentProcessor DecodeFirstFrame(string input) =>
        FFMpegArguments
            .FromFileInput(input, verifyExists: false, options => options.WithCustomArgument(SafeInput))
            .OutputToFile("-", overwrite: false, options => options.WithCustomArgument("-map 0:v:0 -frames:v 1 -f null"));

    /// <summary>
    /// One frame as an image written to <paramref name="output"/>. Not accurate: the input seek lands on the
    /// keyframe at or before <see cref="ThumbnailSpec.Time"/> and that frame is returned as it is (fast).
    /// Accurate: frames are decoded from that keyframe up to the exact time.
    /// </summary>
    public FFMpegArgumentProcessor Thumbnail(string input, ThumbnailSpec spec, Stream output)
    {
        var seek = $"{(spec.Accurate ? "" : "-noaccurate_seek ")}-ss {Seconds(spec.Time)}";
        var frameMode = spec.Accurate ? "" : "-fps_mode passthrough ";
        var scale = spec.Width is null && spec.Height is null ? "" : $"-vf scale={spec.Width ?? -1}:{spec.Height ?? -1} ";
        var encode = spec.Format switch
        {
            ImageFormat.Jpeg => "-c:v mjpeg -q:v 3 -f image2pipe",
            ImageFormat.Png => "-c:v png -f image2pipe",
            ImageFormat.Webp => "-c:v libwebp -quality 80 -f webp",
            _ => throw new ArgumentOutOfRangeException(nameof(spec)),
        };

        return FFMpegArguments
            .FromFileInput(input, verifyExists: false, options => options.WithCustomArgument($"{SafeInput} {seek}"))
            .OutputToPipe(new StreamPipeSink(output), options => options.WithCustomArgument($"-map 0:v:0 -frames:v 1 {frameMode}{scale}{encode} {Threads}"));
    }

    /// <summary>
    /// The keyframes of the video in one pass, at <paramref name="width"/>×<paramref name="height"/>: only keyframes
    /// are decoded (<c>-skip_frame nokey</c>, far faster than decoding every frame and picking some), each written
    /// as it is (<c>-fps_mode passthrough</c>) to <c>{folder}/frame-00000.jpg</c>, … , at most
    /// <paramref name="maxFrames"/> of them. With <paramref name="minGap"/>, a keyframe is kept only that many seconds
    /// after the last one kept (a bound on the frame rate of what is kept). The same pass writes the exact time of
    /// each frame to <paramref name="timesFile"/>, one <c>frame:N pts:P pts_time:T</c> line per frame (the metadata
    /// filter prints only frames that carry metadata, hence the one added before).
    /// </summary>
    public FFMpegArgumentProcessor Previews(string input, string folder, string timesFile, int width, int height, int maxFrames, double? minGap = null)
    {
        var select = minGap is { } gap ? $"select=isnan(prev_selected_t)+gte(t-prev_selected_t\\,{Seconds(gap)})," : "";
        var filters = $"{select}scale={width}:{height},metadata=mode=add:key=preview:value=1,metadata=mode=print:file={FilterPath(timesFile)}";
        return FFMpegArguments
            .FromFileInput(input, verifyExists: false, options => options.WithCustomArgument($"{SafeInput} -skip_frame nokey"))
            .OutputToFile(Path.Combine(folder, PreviewFramePattern), overwrite: true, options => options.WithCustomArgument(string.Create(CultureInfo.InvariantCulture,
                $"-map 0:v:0 -fps_mode passthrough -vf {filters} -frames:v {maxFrames} -q:v 3 -start_number 0 {Threads} -f image2")));
    }

    private const string PreviewFramePattern = "frame-%05d.jpg";

    /// <summary>The file <see cref="Previews"/> writes for frame <paramref name="index"/> (from 0).</summary>
    public static string PreviewFrameName(int index) => $"frame-{index.ToString("00000", CultureInfo.InvariantCulture)}.jpg";

    /// <summary>The container a cut of a <paramref name="sourceFormat"/> video is written in.</summary>
    public static string CutFormat(string sourceFormat, CutMode mode) =>
        mode == CutMode.Copy ? sourceFormat : sourceFormat == "webm" ? "webm" : "mp4";

    /// <summary>
    /// A piece of the input. Copy: packets are copied, so the piece starts at the keyframe at or before the start
    /// (the mp4 edit list hides the lead-in from players). Accurate: re-encoded from the exact start.
    /// With the seek before the input, <c>-t</c> counts from the new zero.
    /// </summary>
    public FFMpegArgumentProcessor Cut(string input, string output, string sourceFormat, CutSpec cut)
    {
        var codecs = cut.Mode == CutMode.Copy
            ? "-c copy"
            : CutFormat(sourceFormat, cut.Mode) == "webm" ? $"{Vp9} {Opus}" : $"{H264} {Aac} -movflags +faststart";

        return FFMpegArguments
            .FromFileInput(input, verifyExists: false, options => options.WithCustomArgument($"{SafeInput} -ss {Seconds(cut.Start)}"))
            .OutputToFile(output, overwrite: true, options => options.WithCustomArgument(
                $"-t {Seconds(cut.Duration)} -map 0:v:0 -map 0:a? {codecs} -map_metadata -1 {Threads} {SizeLimit}"));
    }

    /// <summary>A transcode to mp4 (H.264/AAC) or webm (VP9/Opus).</summary>
    public FFMpegArgumentProcessor Transcode(string input, string output, TranscodeSpec spec)
    {
        var filters = new List<string>();
        if (spec.Width is not null || spec.Height is not null)
        {
            // -2 keeps the aspect ratio and an even size, which H.264 and VP9 with 4:2:0 need.
            filters.Add($"scale={spec.Width ?? -2}:{spec.Height ?? -2}");
        }

        if (spec.Fps is { } fps)
        {
            filters.Add($"fps={Seconds(fps)}");
        }

        var videoFilter = filters.Count > 0 ? $"-vf {string.Join(',', filters)} " : "";
        var audio = spec.Mute ? "-an" : $"-map 0:a? {(spec.Format == "webm" ? Opus : Aac)}";
        var codecs = spec.Format == "webm" ? $"{Vp9} {audio}" : $"{H264} {audio} -movflags +faststart";

        return FFMpegArguments
            .FromFileInput(input, verifyExists: false, options => options.WithCustomArgument(SafeInput))
            .OutputToFile(output, overwrite: true, options => options.WithCustomArgument($"-map 0:v:0 {videoFilter}{codecs} -map_metadata -1 {Threads} {SizeLimit}"));
    }

    /// <summary>
    /// A path inside a filter's arguments, where ':', ',', quotes and spaces would need two levels of escaping; storage
    /// paths are plain (the setting <c>Storage:DataDirectory</c> allows nothing else), anything else is refused.
    /// </summary>
    private static string FilterPath(string path) =>
        path.All(character => char.IsAsciiLetterOrDigit(character) || character is '/' or '_' or '.' or '-' or '+')
            ? path
            : throw new ArgumentException($"'{path}' holds characters an ffmpeg filter argument would need escaped.", nameof(path));

    private static string Seconds(double value) => value.ToString("0.######", CultureInfo.InvariantCulture);
}
