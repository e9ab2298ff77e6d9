using Polly;
using Polly.CircuitBreaker;

using Microsoft.Extensions.Hosting;

namespace VideoEditor.Media;

/// <summary>
/// One circuit breaker for every call to one Redis (one per connection, <see cref="RedisConnection"/>): once calls
/// fail (half of them, at least two, within 10 s), further calls fail at once for 5 s instead of each waiting out
/// its time limit; then one call tries again. While Redis is down the service answers fast (a cache miss, a 503),
/// and recovers by itself.
/// </summary>
public sealed class RedisCircuit
{
    public static readonly TimeSpan BreakDuration = TimeSpan.FromSeconds(5);

    private readonly ResiliencePipeline _pipeline;

    public RedisCircuit(TimeProvider time) =>
        _pipeline = new ResiliencePipelineBuilder { TimeProvider = time }
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<Exception>(RedisConnection.IsUnavailable),
                FailureRatio = 0.5,
                MinimumThroughput = 2,
                SamplingDuration = TimeSpan.FromSeconds(10),
                BreakDuration = BreakDuration,
            })
            .Build();

    public ValueTask<T> RunAsync<T>(Func<Task<T>> call) => _pipeline.ExecuteAsync(async _ => await call());

    public ValueTask RunAsync(Func<Task> call) => _pipeline.ExecuteAsync(async _ => await call());
}
