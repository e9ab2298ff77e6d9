using System.Net.Http.Json;
using System.Security.Cryptography;

namespace VideoEditor.Tests.Support;

/// <summary>
/// A caller from outside that starts a trace of its own: its requests carry the <c>traceparent</c> it chose, untouched.
/// An ordinary HttpClient of this process can't promise that: while an in-process api (<see cref="ApiHost"/>) runs
/// here, its OpenTelemetry HttpClient instrumentation rewrites the traceparent of every request the process sends.
/// A handler without activity propagation is out of its reach.
/// </summary>
public sealed class TracedCaller : IDisposable
{
    private readonly HttpClient _http = new(new SocketsHttpHandler { ActivityHeadersPropagator = null }) { Timeout = TimeSpan.FromSeconds(30) };

    public static string NewTraceId() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    /// <summary>Posts <paramref name="json"/> as the first span of trace <paramref name="traceId"/>; returns the accepted job.</summary>
    public async Task<JobDto> SubmitJobAsync(Uri url, string json, string traceId)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url)
        {
            Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("traceparent", $"00-{traceId}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8))}-01");
        using var response = await _http.SendAsync(request);
        Assert.Equal(System.Net.HttpStatusCode.Accepted, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JobDto>(VideoApi.Json))!;
    }

    public void Dispose() => _http.Dispose();
}
