using System.Globalization;

namespace VideoEditor.Tests.Support;

/// <summary>
/// The test corpus, made with ffmpeg's lavfi sources when the tests start (nothing large is kept in git).
/// The "clock" videos tell the time by colour: second <c>i</c> is painted <see cref="Palette"/>[i].
/// </summary>
public sealed class TestMedia
{
    /// <summary>Distinct colours, one per second of the clock videos.</summary>
    public static readonly (string Name, byte R, byte G, byte B)[] Palette =
    [
        ("red", 255, 0, 0), ("lime", 0, 255, 0), ("blue", 0, 0, 255), ("yellow", 255, 255, 0),
        ("cyan", 0, 255, 255), ("magenta", 255, 0, 255), ("white", 255, 255, 255), ("black", 0, 0, 0),
        ("orange", 255, 128, 0), ("purple", 128, 0, 255), ("gray", 128, 128, 128), ("teal", 0, 128, 128),
    ];

    /// <summary>The clock mp4: 12 s, 320x240, 24 fps, H.264 with a keyframe every 4 s, AAC.</summary>
    public const double ClockSeconds = 12;
    public const double ClockKeyframeInterval = 4;
    public const int ClockFps = 24;

    /// <summary>Bump when the corpus changes: a machine keeps one made corpus per version and reuses it.</summary>
    private const string CorpusVersion = "4";

    private static readonly Lazy<Task<TestMedia>> Shared = new(() => OpenAsync(Path.Combine(Path.GetTempPath(), "video-editor-test-media", CorpusVersion)));

    private TestMedia(string directory) => Directory = directory;

    public string Directory { get; }

    public string Clock => PathOf("clock.mp4");
    public string ClockWebm => PathOf("clock.webm");
    public string Rotated => PathOf("rotated.mp4");
    public string Silent => PathOf("silent.mp4");
    public string AudioOnly => PathOf("audio.m4a");
    public string Image => PathOf("image.png");
    public string Truncated => PathOf("truncated.mp4");
    public string RandomBytes => PathOf("random.mp4");
    public string Empty => PathOf("empty.mp4");

    /// <summary>A real video declaring a picture wider than the limit (8200x16).</summary>
    public string TooWide => PathOf("too-wide.mp4");

    /// <summary>A real video of 5 hours (one frame every 10 minutes): longer than the limit.</summary>
    public string TooLong => PathOf("too-long.mp4");

    /// <summary>A real video with 17 audio streams beside its picture: more streams than the limit.</summary>
    public string TooManyStreams => PathOf("too-many-streams.mp4");

    /// <summary>
    /// A real 1 s Matroska video carrying 5 000 tags (some 500 KB). ffmpeg reads tags in quadratic time: 20 000 cost
    /// seconds of CPU a run, which starved the suite's other tests.
    /// </summary>
    public string TagBombed => PathOf("tag-bombed.mkv");

    /// <summary>A real 1 s Matroska video in FFV1, a codec ffmpeg decodes but the service does not accept.</summary>
    public string UnlistedCodec => PathOf("ffv1.mkv");

    /// <summary>10 s at 60 fps where every frame is a keyframe (600 of them), as all-intra cameras write.</summary>
    public string AllIntra => PathOf("all-intra.mp4");

    /// <summary>90 s of 1280x720 (under 10 MB): long enough to watch a transcode's progress and to cancel it.</summary>
    public string Long => PathOf("long.mp4");

    public static Task<TestMedia> GetAsync() => Shared.Value;

    public static string ColorAt(double seconds) => Palette[(int)Math.Floor(seconds)].Name;

    public string PathOf(string name) => Path.Combine(Directory, name);

    /// <summary>A file that claims to be an mp4 but is an HLS playlist naming <paramref name="target"/> (a path or URL).</summary>
    public string Playlist(string name, string target)
    {
        var path = PathOf(name);
        File.WriteAllText(path, $"#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-TARGETDURATION:12\n#EXTINF:12.0,\n{target}\n#EXT-X-ENDLIST\n");
        return path;
    }

    /// <summary>A file that claims to be an mp4 but is an ffconcat script naming <paramref name="target"/>.</summary>
    public string ConcatScript(string name, string target)
    {
        var path = PathOf(name);
        File.WriteAllText(path, $"ffconcat version 1.0\nfile '{target}'\n");
        return path;
    }

    private static async Task<TestMedia> OpenAsync(string directory)
    {
        if (!System.IO.Directory.Exists(directory))
        {
            // Made aside and moved into place whole, so a run that dies half-way leaves no half corpus.
            var scratch = $"{directory}.{Guid.NewGuid():n}";
            await CreateAsync(scratch);
            try
            {
                System.IO.Directory.Move(scratch, directory);
            }
            catch (IOException) when (System.IO.Directory.Exists(directory))
            {
                System.IO.Directory.Delete(scratch, recursive: true);
            }
        }

        return new TestMedia(directory);
    }

    private static async Task CreateAsync(string directory)
    {
        System.IO.Directory.CreateDirectory(directory);
        var media = new TestMedia(directory);

        var colours = string.Concat(Palette.Select((colour, index) =>
            $"color=c=0x{colour.R:X2}{colour.G:X2}{colour.B:X2}:s=320x240:r={ClockFps}:d=1,format=yuv420p[c{index}];"));
        var clockVideo = colours + string.Concat(Palette.Select((_, index) => $"[c{index}]")) + $"concat=n={Palette.Length}:v=1:a=0[v]";
        var keyframes = ClockFps * (int)ClockKeyframeInterval;
        var sine = $"sine=frequency=440:sample_rate=48000:duration={ClockSeconds.ToString(CultureInfo.InvariantCulture)}";

        await FFmpegAsync("-filter_complex", clockVideo, "-f", "lavfi", "-i", sine, "-map", "[v]", "-map", "0:a",
            "-c:v", "libx264", "-preset", "ultrafast", "-g", $"{keyframes}", "-keyint_min", $"{keyframes}", "-sc_threshold", "0",
            "-c:a", "aac", "-shortest", "-movflags", "+faststart", media.Clock);
        await FFmpegAsync("-i", media.Clock, "-t", "6", "-c:v", "libvpx-vp9", "-deadline", "realtime", "-cpu-used", "8", "-b:v", "0", "-crf", "40",
            "-c:a", "libopus", media.ClockWebm);
        await FFmpegAsync("-i", media.Clock, "-t", "3", "-c", "copy", "-metadata:s:v:0", "rotate=90", media.Rotated);
        await FFmpegAsync("-i", media.Clock, "-t", "3", "-an", "-c", "copy", media.Silent);
        await FFmpegAsync("-f", "lavfi", "-i", "sine=frequency=440:duration=3", "-c:a", "aac", media.AudioOnly);
        await FFmpegAsync("-f", "lavfi", "-i", "testsrc2=s=320x240", "-frames:v", "1", media.Image);
        await FFmpegAsync("-f", "lavfi", "-i", "testsrc2=s=1280x720:r=30:d=90", "-f", "lavfi", "-i", "sine=duration=90",
            "-c:v", "libx264", "-preset", "ultrafast", "-crf", "45", "-g", "60", "-c:a", "aac", "-shortest", media.Long);

        // The index (moov) of a file written without faststart comes last: cutting the file loses it.
        var full = media.PathOf("full-for-truncation.mp4");
        await FFmpegAsync("-i", media.Clock, "-c", "copy", full);
        var bytes = await File.ReadAllBytesAsync(full);
        await File.WriteAllBytesAsync(media.Truncated, bytes[..(bytes.Length / 2)]);
        File.Delete(full);

        await FFmpegAsync("-f", "lavfi", "-i", "color=c=red:s=8200x16:r=1:d=1", "-c:v", "libx264", "-preset", "ultrafast", media.TooWide);
        await FFmpegAsync("-f", "lavfi", "-i", "color=c=red:s=16x16:r=1/600:d=18000", "-c:v", "libx264", "-preset", "ultrafast", media.TooLong);
        var audioInputs = Enumerable.Range(0, 17).SelectMany(_ => new[] { "-f", "lavfi", "-i", "sine=duration=1" });
        var audioMaps = Enumerable.Range(1, 17).SelectMany(input => new[] { "-map", $"{input}:a" });
        await FFmpegAsync(["-f", "lavfi", "-i", "color=c=blue:s=64x64:d=1", .. audioInputs, "-map", "0:v", .. audioMaps,
            "-c:v", "libx264", "-preset", "ultrafast", "-c:a", "aac", media.TooManyStreams]);

        var tags = media.PathOf("tags.txt");
        await File.WriteAllLinesAsync(tags, [";FFMETADATA1", .. Enumerable.Range(0, 5_000).Select(index => $"tag{index}={new string('x', 100)}")]);
        await FFmpegAsync("-f", "lavfi", "-i", "testsrc2=s=64x64:d=1", "-i", tags, "-map_metadata", "1", "-c:v", "libx264", "-preset", "ultrafast", media.TagBombed);
        File.Delete(tags);
        await FFmpegAsync("-f", "lavfi", "-i", "testsrc2=s=64x64:d=1", "-c:v", "ffv1", media.UnlistedCodec);
        await FFmpegAsync("-f", "lavfi", "-i", "testsrc2=s=160x120:r=60:d=10", "-c:v", "libx264", "-preset", "ultrafast", "-g", "1", media.AllIntra);

        await File.WriteAllBytesAsync(media.RandomBytes, System.Security.Cryptography.RandomNumberGenerator.GetBytes(256 * 1024));
        await File.WriteAllBytesAsync(media.Empty, []);
    }

    private static async Task FFmpegAsync(params string[] arguments)
    {
        var result = await ExternalCommand.RunAsync("ffmpeg", ["-v", "error", "-y", .. arguments], timeout: TimeSpan.FromMinutes(2));
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"Making test media failed: ffmpeg {string.Join(' ', arguments)}\n{result}");
        }
    }
}
