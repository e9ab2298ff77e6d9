namespace VideoEditor.Bench;

/// <summary>Latencies of sequential requests or commands, one per sample, in milliseconds.</summary>
public sealed class LatencySamples
{
    private readonly List<double> _milliseconds = [];

    public int Count => _milliseconds.Count;

    public void Add(TimeSpan elapsed) => _milliseconds.Add(elapsed.TotalMilliseconds);

    /// <summary>The nearest-rank percentile: the smallest sample that at least <paramref name="percentile"/> % of the samples do not exceed.</summary>
    public double Percentile(double percentile)
    {
        var sorted = _milliseconds.Order().ToList();
        var rank = (int)Math.Ceiling(percentile / 100 * sorted.Count);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Count - 1)];
    }

    /// <summary>(percentile, milliseconds) for every sample, for the plot.</summary>
    public IEnumerable<(double Percentile, double Milliseconds)> Distribution =>
        _milliseconds.Order().Select((milliseconds, index) => (100.0 * (index + 1) / _milliseconds.Count, milliseconds));
}
