using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace VideoEditor.Tests.Support;

public sealed record VideoDto(
    string Id, string FileName, long SizeBytes, string Format, double DurationSeconds, int Width, int Height, int Rotation,
    double FrameRate, string VideoCodec, string? AudioCodec, long BitRate, DateTimeOffset CreatedAt);

public sealed record JobErrorDto(string Type, string Message);

public sealed record JobDto(
    string Id, string Type, string VideoId, string Status, double Progress, int Attempts, DateTimeOffset CreatedAt, DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt, IReadOnlyList<VideoDto> Outputs, JobErrorDto? Error)
{
    public bool IsFinished => Status is "succeeded" or "failed" or "canceled";
}

/// <summary>The API as a client sees it, over HTTP.</summary>
public sealed class VideoApi(HttpClient http, Uri baseAddress)
{
    public static readonly JsonSerializerOptions Json = JsonSerializerOptions.Web;

    public HttpClient Http => http;

    public Uri Url(string relative) => new(baseAddress, relative);

    public async Task<HttpResponseMessage> UploadRawAsync(string path, string? fileName = null)
    {
        using var content = new MultipartFormDataContent();
        var file = new StreamContent(File.OpenRead(path));
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        content.Add(file, "file", fileName ?? Path.GetFileName(path));
        return await http.PostAsync(Url("/api/videos"), content);
    }

    /// <summary>The ids of the stored videos (the first 100, newest first).</summary>
    public async Task<List<string>> ListIdsAsync() =>
        (await http.GetFromJsonAsync<VideoPageDto>(Url("/api/videos?pageSize=100"), Json))!.Items.Select(video => video.Id).ToList();

    public async Task<VideoDto> UploadAsync(string path, string? fileName = null)
    {
        using var response = await UploadRawAsync(path, fileName);
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<VideoDto>(Json))!;
    }

    public async Task<JobDto> SubmitAsync(string videoId, string operation, object body)
    {
        using var response = await http.PostAsJsonAsync(Url($"/api/videos/{videoId}/{operation}"), body, Json);
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"{response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        var job = (await response.Content.ReadFromJsonAsync<JobDto>(Json))!;
        Assert.Equal($"/api/jobs/{job.Id}", response.Headers.Location?.ToString());
        return job;
    }

    public async Task<JobDto> GetJobAsync(string jobId) =>
        (await http.GetFromJsonAsync<JobDto>(Url($"/api/jobs/{jobId}"), Json))!;

    public async Task<JobDto> WaitForJobAsync(string jobId, TimeSpan? timeout = null, Func<JobDto, bool>? until = null)
    {
        until ??= job => job.IsFinished;
        var deadline = DateTimeOffset.UtcNow + (timeout ?? TimeSpan.FromSeconds(60));
        while (true)
        {
            var job = await GetJobAsync(jobId);
            if (until(job))
            {
                return job;
            }

            Assert.True(DateTimeOffset.UtcNow < deadline, $"job {jobId} is still {job.Status} ({job.Progress:P0})");
            await Task.Delay(200);
        }
    }

    /// <summary>Waits for the job to finish and asserts it succeeded, saying why it did not.</summary>
    public async Task<JobDto> WaitForSuccessAsync(string jobId, TimeSpan? timeout = null)
    {
        var job = await WaitForJobAsync(jobId, timeout);
        Assert.True(job.Status == "succeeded", $"job {jobId} ({job.Type}) ended {job.Status} after {job.Attempts} attempt(s): {job.Error}");
        return job;
    }

    /// <summary>Waits until the worker has made the video's previews (its storyboard answers).</summary>
    public async Task WaitForPreviewAsync(string videoId, TimeSpan? timeout = null)
    {
        var deadline = DateTimeOffset.UtcNow + (timeout ?? TimeSpan.FromSeconds(60));
        while (true)
        {
            using var response = await http.GetAsync(Url($"/api/videos/{videoId}/storyboard.vtt"));
            if (response.StatusCode == HttpStatusCode.OK)
            {
                return;
            }

            Assert.True(DateTimeOffset.UtcNow < deadline, $"the previews of video {videoId} are still not made ({response.StatusCode})");
            await Task.Delay(200);
        }
    }

    public async Task<byte[]> ContentAsync(string videoId) => await http.GetByteArrayAsync(Url($"/api/videos/{videoId}/content"));

    public static async Task<JsonElement> ProblemAsync(HttpResponseMessage response)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
    }
}

public sealed record VideoPageDto(IReadOnlyList<VideoDto> Items, int Page, int PageSize, int Total);
