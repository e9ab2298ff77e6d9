using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using VideoEditor.Tests.Support;

namespace VideoEditor.Tests.Reliability;

/// <summary>One request of the load: what it was, when it started (since the load began), how it ended.</summary>
public sealed record LoadRequest(string Operation, TimeSpan Start, TimeSpan Duration, int Status, int Tries)
{
    /// <summary>Failed for good: a 5xx or a broken connection after every retry the answer allowed.</summary>
    public bool IsError => Status is 0 or >= 500;
}

/// <summary>
/// The design's load as clients behave: <c>connections</c> clients at once, each one in a loop of thumbnails (half),
/// metadata, uploads and trim jobs. A client that gets 503 or 429 with <c>Retry-After</c> waits as told and tries
/// again (up to three times), as the API asks; what still fails then is an error. Everything accepted is kept for
/// the accounting afterwards.
/// </summary>
public sealed class MixedLoad(VideoApi api, string uploadFile, IReadOnlyList<VideoDto> videos, int connections)
{
    private const int MaxTries = 4;
    private static readonly TimeSpan LongestWait = TimeSpan.FromSeconds(5);

    private readonly ConcurrentBag<LoadRequest> _requests = [];
    private readonly ConcurrentBag<string> _acceptedUploads = [];
    private readonly ConcurrentBag<string> _acceptedJobs = [];
    private readonly Stopwatch _clock = new();

    public IReadOnlyCollection<LoadRequest> Requests => _requests;

    public IReadOnlyCollection<string> AcceptedUploads => _acceptedUploads;

    public IReadOnlyCollection<string> AcceptedJobs => _acceptedJobs;

    /// <summary>Time since the load began: when faults happen, on the requests' clock.</summary>
    public TimeSpan Now => _clock.Elapsed;

    public async Task RunAsync(TimeSpan duration)
    {
        _clock.Start();
        await Task.WhenAll(Enumerable.Range(0, connections).Select(client => ClientAsync(new Random(client), duration)));
    }

    private async Task ClientAsync(Random random, TimeSpan duration)
    {
        while (_clock.Elapsed < duration)
        {
            var video = videos[random.Next(videos.Count)];
            var pick = random.Next(100);
            if (pick < 50)
            {
                var t = (random.NextDouble() * (video.DurationSeconds - 0.1)).ToString("0.##", CultureInfo.InvariantCulture);
                await SendAsync("thumbnail", () => new HttpRequestMessage(HttpMethod.Get, api.Url($"/api/videos/{video.Id}/thumbnail?t={t}&width={80 * (1 + random.Next(4))}")));
            }
            else if (pick < 75)
            {
                await SendAsync("metadata", () => new HttpRequestMessage(HttpMethod.Get, api.Url($"/api/videos/{video.Id}")));
            }
            else if (pick < 87)
            {
                var created = await SendAsync("upload", () => new HttpRequestMessage(HttpMethod.Post, api.Url("/api/videos"))
                {
                    Content = new MultipartFormDataContent { { new StreamContent(File.OpenRead(uploadFile)), "file", "load.mp4" } },
                });
                if (created is not null)
                {
                    _acceptedUploads.Add((await created.Content.ReadFromJsonAsync<VideoDto>(VideoApi.Json))!.Id);
                }
            }
            else
            {
                var start = random.Next((int)video.DurationSeconds - 1);
                var accepted = await SendAsync("job", () => new HttpRequestMessage(HttpMethod.Post, api.Url($"/api/videos/{video.Id}/trim"))
                {
                    Content = JsonContent.Create(new { start, end = start + 1, mode = "copy" }),
                });
                if (accepted is not null)
                {
                    _acceptedJobs.Add((await accepted.Content.ReadFromJsonAsync<JobDto>(VideoApi.Json))!.Id);
                }
            }
        }
    }

    /// <summary>Sends until answered for good; returns the successful response (the caller reads it), else null.</summary>
    private async Task<HttpResponseMessage?> SendAsync(string operation, Func<HttpRequestMessage> request)
    {
        var start = _clock.Elapsed;
        for (var tries = 1; ; tries++)
        {
            HttpResponseMessage response;
            try
            {
                using var message = request();
                response = await api.Http.SendAsync(message);
            }
            catch (HttpRequestException)
            {
                _requests.Add(new LoadRequest(operation, start, _clock.Elapsed - start, 0, tries));
                return null;
            }

            var retryAfter = response.Headers.RetryAfter?.Delta;
            if (response.StatusCode is HttpStatusCode.ServiceUnavailable or HttpStatusCode.TooManyRequests && retryAfter is { } wait && tries < MaxTries)
            {
                response.Dispose();
                await Task.Delay(wait < LongestWait ? wait : LongestWait);
                continue;
            }

            _requests.Add(new LoadRequest(operation, start, _clock.Elapsed - start, (int)response.StatusCode, tries));
            if (response.IsSuccessStatusCode)
            {
                return response;
            }

            response.Dispose();
            return null;
        }
    }

    /// <summary>A Markdown table: per operation, how many, how many retried, the errors, the statuses and p99.</summary>
    public string Summary()
    {
        var table = new StringBuilder("| operation | requests | retried after Retry-After | errors | statuses | p50 | p99 |\n|---|---|---|---|---|---|---|\n");
        foreach (var group in _requests.GroupBy(request => request.Operation).OrderBy(group => group.Key, StringComparer.Ordinal).Append(_requests.GroupBy(_ => "all").Single()))
        {
            var durations = group.Select(request => request.Duration.TotalMilliseconds).Order().ToList();
            var statuses = string.Join(", ", group.GroupBy(request => request.Status).OrderBy(status => status.Key).Select(status => $"{status.Key}: {status.Count()}"));
            table.Append(CultureInfo.InvariantCulture,
                $"| {group.Key} | {group.Count()} | {group.Count(request => request.Tries > 1)} | {group.Count(request => request.IsError)} | {statuses} | {Percentile(durations, 0.5):0} ms | {Percentile(durations, 0.99):0} ms |\n");
        }

        return table.ToString();
    }

    private static double Percentile(List<double> sorted, double quantile) =>
        sorted.Count == 0 ? 0 : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(quantile * sorted.Count) - 1)];
}
