using Microsoft.Extensions.Options;
using VideoEditor.Media.Concurrency;
using VideoEditor.Media.FFmpeg;

namespace VideoEditor.Tests.Media;

public sealed class FFmpegGateTests
{
    [Fact]
    public async Task Past_the_slots_and_the_queue_work_is_turned_away_at_once_with_a_retry_delay()
    {
        using var gate = new FFmpegGate(Options.Create(new FFmpegOptions { MaxConcurrency = 1, MaxQueue = 1, QueueTimeout = TimeSpan.FromSeconds(10) }));
        using var running = await gate.EnterAsync(CancellationToken.None);
        var queued = gate.EnterAsync(CancellationToken.None);

        var busy = await Assert.ThrowsAsync<BusyException>(() => gate.EnterAsync(CancellationToken.None));

        Assert.True(busy.RetryAfter >= TimeSpan.FromSeconds(1));
        Assert.False(queued.IsCompleted);
        running.Dispose();
        using var next = await queued;
        Assert.Equal(1, gate.InUse);
    }

    [Fact]
    public async Task Waiting_longer_than_the_queue_timeout_is_turned_away()
    {
        using var gate = new FFmpegGate(Options.Create(new FFmpegOptions { MaxConcurrency = 1, MaxQueue = 4, QueueTimeout = TimeSpan.FromMilliseconds(200) }));
        using var running = await gate.EnterAsync(CancellationToken.None);

        await Assert.ThrowsAsync<BusyException>(() => gate.EnterAsync(CancellationToken.None));

        Assert.Equal(1, gate.InUse);
    }
}
