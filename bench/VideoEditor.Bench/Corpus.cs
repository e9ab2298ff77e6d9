using System.Globalization;
using VideoEditor.Tests.Support;

namespace VideoEditor.Bench;

/// <summary>One video of the standard corpus: its size and keyframe interval name it.</summary>
public sealed record CorpusVideo(string Name, string Path, int Width, int Height, int KeyframeSeconds)
{
    public const int Seconds = 60;
    public const int Fps = 30;
}

/// <summary>
/// The standard corpus: 60 s of ffmpeg's testsrc2 pattern (deterministic) with a sine tone, H.264/AAC in mp4, at
/// 720p and 1080p, with a keyframe every 2 s (a typical streaming encode) and every 10 s (a camera or screen
/// recording, where accurate seeks decode the most). Made once per machine and corpus version, then reused.
/// </summary>
public static class Corpus
{
    /// <summary>Bump when the corpus changes: a machine keeps one made corpus per version.</summary>
    private const string Version = "1";

    public static async Task<IReadOnlyList<CorpusVideo>> GetAsync(CancellationToken cancellationToken)
    {
        var directory = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "video-editor-bench-corpus", Version);
        Directory.CreateDirectory(directory);
        var videos = new List<CorpusVideo>();
        foreach (var (width, height) in new[] { (1280, 720), (1920, 1080) })
        {
            foreach (var keyframeSeconds in new[] { 2, 10 })
            {
                var name = $"{height}p-gop{keyframeSeconds}s";
                var video = new CorpusVideo(name, System.IO.Path.Combine(directory, $"{name}.mp4"), width, height, keyframeSeconds);
                if (!File.Exists(video.Path))
                {
                    await MakeAsync(video, cancellationToken);
                }

                videos.Add(video);
            }
        }

        return videos;
    }

    private static async Task MakeAsync(CorpusVideo video, CancellationToken cancellationToken)
    {
        Console.WriteLine($"Making {video.Name} ({video.Width}x{video.Height}, {CorpusVideo.Seconds} s, keyframe every {video.KeyframeSeconds} s)...");
        var gop = (video.KeyframeSeconds * CorpusVideo.Fps).ToString(CultureInfo.InvariantCulture);
        // Written aside and renamed when complete, so an interrupted run never leaves half a video behind.
        var partial = video.Path + ".partial.mp4";
        var result = await ExternalCommand.RunAsync("ffmpeg",
            ["-v", "error", "-y",
             "-f", "lavfi", "-i", $"testsrc2=s={video.Width}x{video.Height}:r={CorpusVideo.Fps}:d={CorpusVideo.Seconds}",
             "-f", "lavfi", "-i", $"sine=frequency=440:sample_rate=48000:duration={CorpusVideo.Seconds}",
             "-c:v", "libx264", "-preset", "veryfast", "-crf", "23", "-pix_fmt", "yuv420p",
             "-g", gop, "-keyint_min", gop, "-sc_threshold", "0",
             "-c:a", "aac", "-b:a", "128k", "-shortest", "-movflags", "+faststart", partial],
            timeout: TimeSpan.FromMinutes(5), cancellationToken: cancellationToken);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"Making {video.Name} failed: {result}");
        }

        File.Move(partial, video.Path);
    }
}
