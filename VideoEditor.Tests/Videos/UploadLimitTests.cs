using System.Net;
using System.Net.Sockets;
using System.Text;
using VideoEditor.Tests.Support;

namespace VideoEditor.Tests.Videos;

/// <summary>An api that receives one upload at a time, each within 3 s plus 1 s a megabyte.</summary>
public sealed class ApiWithTightUploads() : ApiHost(new()
{
    ["Videos:MaxConcurrentUploads"] = "1",
    ["Videos:UploadTimeBase"] = "00:00:03",
    ["Videos:MinUploadBytesPerSecond"] = "1048576",
});

public sealed class UploadLimitTests(ApiWithTightUploads host) : IClassFixture<ApiWithTightUploads>
{
    [Fact]
    public async Task An_upload_slower_than_its_deadline_is_cut_off_with_408_and_a_second_upload_meanwhile_gets_503()
    {
        using var client = new TcpClient();
        var stream = await host.StartRawUploadAsync(client, "slow.mp4", contentLength: 100_000, sent: 1024);

        using var second = await host.Http.PostAsync(host.Api.Url("/api/videos"), UploadContent(await File.ReadAllBytesAsync((await TestMedia.GetAsync()).Silent)));
        // 300 bytes a second: faster than Kestrel's minimum data rate (240 bytes/s), far too slow for a 3.1 s deadline.
        var answer = new StringBuilder();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(20) && !answer.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
        {
            try
            {
                await stream.WriteAsync(new byte[30]);
                await Task.Delay(TimeSpan.FromMilliseconds(100));
                if (client.Available > 0)
                {
                    var buffer = new byte[client.Available];
                    answer.Append(Encoding.ASCII.GetString(buffer, 0, await stream.ReadAsync(buffer)));
                }
            }
            catch (IOException)
            {
                break;
            }
        }

        Assert.Equal(HttpStatusCode.ServiceUnavailable, second.StatusCode);
        Assert.NotNull(second.Headers.RetryAfter);
        Assert.StartsWith("HTTP/1.1 408", answer.ToString(), StringComparison.Ordinal);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(15), $"cut off after {clock.Elapsed}");
        Assert.Empty(await Poll.UntilAsync(() => Task.FromResult(host.MediaEntries("staging")), left => left.Length == 0, TimeSpan.FromSeconds(10)));
        using var after = await host.Http.PostAsync(host.Api.Url("/api/videos"), UploadContent(await File.ReadAllBytesAsync((await TestMedia.GetAsync()).Silent)));
        Assert.Equal(HttpStatusCode.Created, after.StatusCode);
    }

    private static MultipartFormDataContent UploadContent(byte[] bytes) => new() { { new ByteArrayContent(bytes), "file", "silent.mp4" } };
}
