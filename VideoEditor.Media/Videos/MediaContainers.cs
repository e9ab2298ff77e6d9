namespace VideoEditor.Media.Videos;

/// <summary>The containers the service accepts: their ffmpeg demuxer names, file extension and content type.</summary>
public static class MediaContainers
{
    private static readonly Dictionary<string, (string Extension, string ContentType)> Known = new()
    {
        ["mp4"] = (".mp4", "video/mp4"),
        ["mov"] = (".mov", "video/quicktime"),
        ["webm"] = (".webm", "video/webm"),
        ["mkv"] = (".mkv", "video/x-matroska"),
        ["avi"] = (".avi", "video/x-msvideo"),
    };

    /// <summary>The content types a video is sent with, one per accepted container.</summary>
    public static IReadOnlyList<string> ContentTypes { get; } = Known.Values.Select(known => known.ContentType).ToArray();

    /// <summary>
    /// The demuxers ffmpeg may use on user files (<c>-format_whitelist</c>). Anything else, a playlist or a concat
    /// script above all, is refused before ffmpeg reads a byte of what it names.
    /// </summary>
    public const string DemuxerWhitelist = "mov,mp4,m4a,3gp,3g2,mj2,matroska,webm,avi";

    /// <summary>
    /// The decoders ffmpeg may open on user files (<c>-codec_whitelist</c>): the video, audio and subtitle codecs
    /// cameras, phones, browsers and editors write into those containers, and cover art. A file with a stream in any
    /// other codec (a rare or fuzzed codec's decoder is where decoder bugs live) cannot be read (422): ffprobe
    /// opens a decoder for every stream.
    /// </summary>
    public const string DecoderWhitelist =
        "h264,hevc,vp8,vp9,av1,libdav1d,mpeg4,mpeg2video,mjpeg,prores,png,"
        + "aac,mp3,mp3float,opus,vorbis,flac,alac,ac3,eac3,pcm_s16le,pcm_s16be,pcm_s24le,pcm_s24be,pcm_f32le,pcm_u8,"
        + "mov_text,subrip,ass,webvtt,dvd_subtitle,hdmv_pgs_subtitle";

    public static string Extension(string format) => Known[format].Extension;

    public static string ContentType(string format) => Known[format].ContentType;

    /// <summary>
    /// Our format name from ffprobe's: the mov demuxer reads mp4 and QuickTime alike (the brand tells them apart),
    /// the matroska one reads WebM and Matroska (the codecs do).
    /// </summary>
    public static string? FromProbe(string demuxer, string? majorBrand, string videoCodec, string? audioCodec) => demuxer switch
    {
        _ when demuxer.StartsWith("mov,", StringComparison.Ordinal) => majorBrand?.Trim() == "qt" ? "mov" : "mp4",
        _ when demuxer.StartsWith("matroska", StringComparison.Ordinal) =>
            videoCodec is "vp8" or "vp9" or "av1" && audioCodec is null or "opus" or "vorbis" ? "webm" : "mkv",
        "avi" => "avi",
        _ => null,
    };

    /// <summary>
    /// Whether the first bytes carry the signature of a container we read (ISO BMFF, Matroska/WebM, AVI). A file
    /// that does but cannot be read is a damaged video (422), one that does not is not a video at all (415).
    /// </summary>
    public static bool HasKnownSignature(ReadOnlySpan<byte> head)
    {
        if (head.Length >= 8 && IsAny(head.Slice(4, 4), "ftyp", "moov", "mdat", "free", "wide", "skip"))
        {
            return true;
        }

        if (head.Length >= 4 && head[0] == 0x1A && head[1] == 0x45 && head[2] == 0xDF && head[3] == 0xA3)
        {
            return true;
        }

        return head.Length >= 12 && IsAny(head[..4], "RIFF") && IsAny(head.Slice(8, 4), "AVI ");
    }

    private static bool IsAny(ReadOnlySpan<byte> bytes, params string[] candidates)
    {
        foreach (var candidate in candidates)
        {
            if (bytes.SequenceEqual(System.Text.Encoding.ASCII.GetBytes(candidate)))
            {
                return true;
            }
        }

        return false;
    }
}
