using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace VideoEditor.Bench;

/// <summary>One timed answer of the api: its latency until the last byte, status, cache header and body.</summary>
public sealed record TimedAnswer(TimeSpan Elapsed, HttpStatusCode Status, string? Cache, byte[] Body);

/// <summary>The HTTP API as the benchmark uses it: the public contract only (README, "The HTTP API").</summary>
public sealed class VideoApi(HttpClient http, Uri api)
{
    public const string CacheHeader = "X-Thumbnail-Cache";

    public Uri Url(string pathAndQuery) => new(api, pathAndQuery);

    public static string VideoPath(string id) => $"/api/videos/{id}";

    public static string ThumbnailPath(string id, double t, int width, bool accurate) =>
        string.Create(CultureInfo.InvariantCulture, $"/api/videos/{id}/thumbnail?t={t:0.###}&width={width}&format=jpeg&accurate={(accurate ? "true" : "false")}");

    /// <summary>Uploads a file and returns the video's id.</summary>
    public async Task<string> UploadAsync(string path, CancellationToken cancellationToken)
    {
        await using var file = File.OpenRead(path);
        using var content = new MultipartFormDataContent();
        var part = new StreamContent(file);
        part.Headers.ContentType = new MediaTypeHeaderValue("video/mp4");
        content.Add(part, "file", Path.GetFileName(path));
        using var response = await http.PostAsync(Url("/api/videos"), content, cancellationToken);
        if (response.StatusCode != HttpStatusCode.Created)
        {
            throw new InvalidOperationException($"Uploading {path} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}");
        }

        using var video = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
        return video.RootElement.GetProperty("id").GetString()!;
    }

    /// <summary>
    /// Waits until the upload's background processing (the preview job: keyframes and storyboard) has finished, which
    /// the storyboard shows by answering 200 instead of 404 + Retry-After; returns how long that took.
    /// </summary>
    public async Task<TimeSpan> WaitUntilProcessedAsync(string id, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var stopwatch = Stopwatch.StartNew();
        while ((await GetAsync($"{VideoPath(id)}/storyboard.vtt", cancellationToken)).Status != HttpStatusCode.OK)
        {
            if (stopwatch.Elapsed > timeout)
            {
                throw new TimeoutException($"The previews of video {id} were not made within {timeout}.");
            }

            await Task.Delay(200, cancellationToken);
        }

        return stopwatch.Elapsed;
    }

    /// <summary>A GET timed from sending the request until its last byte has arrived.</summary>
    public async Task<TimedAnswer> GetAsync(string pathAndQuery, CancellationToken cancellationToken)
    {
        var stopwatch = Stopwatch.StartNew();
        using var response = await http.GetAsync(Url(pathAndQuery), HttpCompletionOption.ResponseContentRead, cancellationToken);
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        stopwatch.Stop();
        var cache = response.Headers.TryGetValues(CacheHeader, out var values) ? values.FirstOrDefault() : null;
        return new TimedAnswer(stopwatch.Elapsed, response.StatusCode, cache, body);
    }
}
