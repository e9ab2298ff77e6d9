using System.Diagnostics.Metrics;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using VideoEditor.ServiceDefaults.Telemetry;

namespace VideoEditor.Tests.Monitoring;

/// <summary>The one view every service's metrics go through (MetricStreams), run by the real OpenTelemetry SDK.</summary>
public sealed class MetricStreamTests : IDisposable
{
    private readonly Meter _meter = new($"VideoEditor.Tests.{Guid.NewGuid():N}");
    private readonly Collector _collector = new();
    private readonly MeterProvider _provider;

    public MetricStreamTests() => _provider = Sdk.CreateMeterProviderBuilder()
        .AddMeter(_meter.Name)
        .AddView(MetricStreams.Configure)
        .AddReader(new BaseExportingMetricReader(_collector))
        .Build()!;

    [Fact]
    public void Label_sets_past_the_limit_are_summed_into_one_overflow_series()
    {
        var requests = _meter.CreateCounter<long>("test.requests");
        const int labelSets = MetricStreams.CardinalityLimit + 100;
        for (var i = 0; i < labelSets; i++)
        {
            requests.Add(1, new KeyValuePair<string, object?>("route", $"/route/{i}"));
        }

        var points = Collect()["test.requests"];

        var overflow = Assert.Single(points, point => point.Tags.Contains("otel.metric.overflow=True"));
        Assert.Equal(MetricStreams.CardinalityLimit, points.Count - 1);
        Assert.Equal(labelSets, points.Sum(point => point.Sum));
        Assert.True(overflow.Sum >= 100);
    }

    [Fact]
    public void A_histogram_keeps_the_buckets_its_instrument_advises()
    {
        var duration = _meter.CreateHistogram("test.duration", unit: "s", description: null, tags: null,
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.01, 0.1, 1] });
        duration.Record(0.05);

        var point = Assert.Single(Collect()["test.duration"]);

        Assert.Equal([0.01, 0.1, 1, double.PositiveInfinity], point.Bounds);
    }

    [Fact]
    public void Runtime_gauges_named_like_histogram_parts_are_renamed()
    {
        _meter.CreateObservableGauge("dotnet.timer.count", () => 3L);

        var metrics = Collect();

        Assert.False(metrics.ContainsKey("dotnet.timer.count"));
        Assert.Equal(3, Assert.Single(metrics["dotnet.timers.active"]).Sum);
    }

    private Dictionary<string, List<Point>> Collect()
    {
        Assert.True(_provider.ForceFlush());
        return _collector.Metrics;
    }

    public void Dispose()
    {
        _provider.Dispose();
        _meter.Dispose();
    }

    private sealed record Point(List<string> Tags, long Sum, List<double> Bounds);

    /// <summary>Keeps the last export: every metric's points with their tags, value and histogram bounds.</summary>
    private sealed class Collector : BaseExporter<Metric>
    {
        public Dictionary<string, List<Point>> Metrics { get; } = [];

        public override ExportResult Export(in Batch<Metric> batch)
        {
            foreach (var metric in batch)
            {
                var points = new List<Point>();
                foreach (ref readonly var point in metric.GetMetricPoints())
                {
                    var tags = new List<string>();
                    foreach (var tag in point.Tags)
                    {
                        tags.Add($"{tag.Key}={tag.Value}");
                    }

                    var bounds = new List<double>();
                    long sum;
                    if (metric.MetricType == MetricType.Histogram)
                    {
                        foreach (var bucket in point.GetHistogramBuckets())
                        {
                            bounds.Add(bucket.ExplicitBound);
                        }

                        sum = point.GetHistogramCount();
                    }
                    else
                    {
                        sum = metric.MetricType == MetricType.LongGauge ? point.GetGaugeLastValueLong() : point.GetSumLong();
                    }

                    points.Add(new Point(tags, sum, bounds));
                }

                Metrics[metric.Name] = points;
            }

            return ExportResult.Success;
        }
    }
}
