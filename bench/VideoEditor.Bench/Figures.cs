namespace VideoEditor.Bench;

/// <summary>Everything one run measured; Report turns it into BENCHMARKS.md and results.json.</summary>
public sealed class Figures
{
    public required Machine Machine { get; init; }
    public DateTimeOffset Started { get; } = DateTimeOffset.UtcNow;
    public TimeSpan Elapsed { get; set; }

    /// <summary>Per corpus video: its upload (until 201) and the processing after it, in seconds.</summary>
    public Dictionary<string, (double UploadSeconds, double ProcessingSeconds)> Uploads { get; } = [];

    public WrkResult ThumbnailHit { get; set; } = null!;
    public WrkResult ThumbnailHitFloor { get; set; } = null!;
    public int ThumbnailHitBytes { get; set; }

    /// <summary>The floor app's peak RSS (VmHWM) after its hit load: what a bare ASP.NET Core app on Redis takes, MB.</summary>
    public double FloorPeakMB { get; set; }

    public LatencySamples FirstRequests { get; } = new();
    public int FirstRequestCacheHits { get; set; }
    public int FirstRequestFailures { get; set; }

    public LatencySamples Accurate { get; } = new();
    public LatencySamples AccurateBareFFmpeg { get; } = new();
    public string AccurateBareCommand { get; set; } = "";

    public WrkResult Metadata { get; set; } = null!;
    public WrkResult MetadataFloor { get; set; } = null!;

    public WrkResult Load { get; set; } = null!;
    public int LoadDistinctPaths { get; set; }
    public Dictionary<string, SampledMemory> LoadMemory { get; set; } = [];

    /// <summary>The api's memory by kind (video_editor_memory_usage_bytes: rss, heap_total, …) at the end of the load test, MB.</summary>
    public Dictionary<string, double> LoadMemoryKinds { get; } = [];

    /// <summary>The api's smaps_rollup at the end of the load test (Rss, Pss_Anon, Pss_File, Pss_Shmem), MB.</summary>
    public Dictionary<string, double> LoadMemoryMaps { get; set; } = [];

    public List<WrkResult> TelemetryOn { get; } = [];
    public List<WrkResult> TelemetryOff { get; } = [];

    /// <summary>CPU seconds used during each instrumentation run: by the api, and by the dashboard that receives OTLP.</summary>
    public (double Api, double Dashboard) TelemetryOnCpu { get; set; }
    public (double Api, double Dashboard) TelemetryOffCpu { get; set; }
}
