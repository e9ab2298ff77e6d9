using System.Buffers;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using Microsoft.OpenApi;
using VideoEditor.Media.Probing;
using VideoEditor.Media.Storage;
using VideoEditor.Media.Videos;

namespace VideoEditor.Api.Videos;

/// <summary>The result of an upload: the stored video, or the status and reason it was refused.</summary>
public sealed record UploadOutcome(Video? Video, int Status, string? Title, string? Detail)
{
    public static UploadOutcome Refused(int status, string title, string detail) => new(null, status, title, detail);
}

/// <summary>
/// Streams the <c>file</c> part of a multipart upload to storage (never whole in memory, through a pooled buffer),
/// probes it once and commits it. Whatever is refused, or interrupted, leaves nothing behind. At most
/// <see cref="VideoLimits.MaxConcurrentUploads"/> are received at once (503 past it), each within a deadline
/// derived from its size (408 past it).
/// </summary>
public sealed class UploadReceiver(IVideoStorage storage, VideoProber prober, UploadGate gate, IOptions<VideoLimits> limits, TimeProvider time)
{
    public const string FileField = "file";

    // The multipart framing around the file: boundaries and part headers.
    private const long MultipartOverhead = 64 * 1024;
    private const int BufferBytes = 81920;

    /// <summary>
    /// The body <see cref="ReceiveAsync"/> reads, for the OpenAPI document. Not declared as endpoint metadata
    /// (<c>Accepts</c>): routing would then refuse other content types itself, before the receiver's own 415.
    /// </summary>
    public static void DescribeBody(OpenApiOperation operation) =>
        operation.RequestBody = new OpenApiRequestBody
        {
            Required = true,
            Content = new Dictionary<string, OpenApiMediaType>
            {
                ["multipart/form-data"] = new()
                {
                    Schema = new OpenApiSchema
                    {
                        Type = JsonSchemaType.Object,
                        Required = new HashSet<string> { FileField },
                        Properties = new Dictionary<string, IOpenApiSchema>
                        {
                            [FileField] = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary", Description = "The video." },
                        },
                    },
                },
            },
        };

    public async Task<UploadOutcome> ReceiveAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        using var slot = await gate.EnterAsync(cancellationToken);
        var deadline = limits.Value.UploadDeadline(request.ContentLength ?? limits.Value.MaxUploadBytes);
        using var timeout = new CancellationTokenSource(deadline, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            return await ReceiveWithinAsync(request, linked.Token, cancellationToken);
        }
        catch (Exception exception) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested &&
            exception is OperationCanceledException or IOException or BadHttpRequestException)
        {
            return UploadOutcome.Refused(StatusCodes.Status408RequestTimeout, "The upload took too long",
                $"An upload of this size must arrive within {deadline.TotalSeconds:0} s (at least {limits.Value.MinUploadBytesPerSecond / 1024} KB/s on average).");
        }
    }

    /// <param name="bodyToken">Fires at the upload's deadline: reading the body stops there (probing is not counted).</param>
    private async Task<UploadOutcome> ReceiveWithinAsync(HttpRequest request, CancellationToken bodyToken, CancellationToken cancellationToken)
    {
        var maxBytes = limits.Value.MaxUploadBytes;
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } bodyLimit)
        {
            bodyLimit.MaxRequestBodySize = maxBytes + MultipartOverhead;
        }

        if (request.ContentLength > maxBytes + MultipartOverhead)
        {
            return TooLarge(maxBytes);
        }

        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var contentType) ||
            !contentType.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase) ||
            HeaderUtilities.RemoveQuotes(contentType.Boundary).Value is not { Length: > 0 and <= 70 } boundary)
        {
            return UploadOutcome.Refused(StatusCodes.Status415UnsupportedMediaType, "Not a multipart upload",
                $"Send the video as multipart/form-data in a field named '{FileField}'.");
        }

        var reader = new MultipartReader(boundary, request.Body);
        try
        {
            while (await reader.ReadNextSectionAsync(bodyToken) is { } section)
            {
                if (ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition) &&
                    disposition.IsFileDisposition() &&
                    HeaderUtilities.RemoveQuotes(disposition.Name).Equals(FileField, StringComparison.Ordinal))
                {
                    return await StoreAsync(section.Body, FileNames.Clean(SentFileName(disposition)), maxBytes, bodyToken, cancellationToken);
                }
            }
        }
        catch (InvalidDataException exception)
        {
            // The reader's own limits (part headers over 16 KB, too many of them) and broken framing.
            return UploadOutcome.Refused(StatusCodes.Status400BadRequest, "Malformed multipart body", $"The multipart body cannot be read: {exception.Message}");
        }

        return UploadOutcome.Refused(StatusCodes.Status400BadRequest, "No file", $"The upload has no file in a field named '{FileField}'.");
    }

    private async Task<UploadOutcome> StoreAsync(Stream content, string fileName, long maxBytes, CancellationToken bodyToken, CancellationToken cancellationToken)
    {
        try
        {
            using var staged = storage.Stage(VideoId.New());
            return await StoreAsync(staged, content, fileName, maxBytes, bodyToken, cancellationToken);
        }
        catch (Exception exception) when (StorageErrors.IsOutOfSpace(exception))
        {
            // The staging area is gone with its partial file (disposed above); the client may try again later.
            return UploadOutcome.Refused(StatusCodes.Status507InsufficientStorage, "No room to store the video",
                "The server's storage is full. Nothing was kept; try again later.");
        }
    }

    private async Task<UploadOutcome> StoreAsync(
        IStagedVideo staged, Stream content, string fileName, long maxBytes, CancellationToken bodyToken, CancellationToken cancellationToken)
    {
        await using (var file = new FileStream(staged.ContentPath, FileMode.CreateNew, FileAccess.Write, FileShare.None, 0, useAsync: true))
        {
            var buffer = ArrayPool<byte>.Shared.Rent(BufferBytes);
            try
            {
                long total = 0;
                int read;
                while ((read = await content.ReadAsync(buffer.AsMemory(0, BufferBytes), bodyToken)) > 0)
                {
                    total += read;
                    if (total > maxBytes)
                    {
                        return TooLarge(maxBytes);
                    }

                    await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                }

                if (total == 0)
                {
                    return UploadOutcome.Refused(StatusCodes.Status415UnsupportedMediaType, "Not a video", "The file is empty.");
                }
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }

        var probe = await prober.ProbeAsync(staged.ContentPath, cancellationToken);
        if (probe.Properties is null)
        {
            return probe.Failure == ProbeFailure.NotAVideo
                ? UploadOutcome.Refused(StatusCodes.Status415UnsupportedMediaType, "Not a video", probe.Detail!)
                : UploadOutcome.Refused(StatusCodes.Status422UnprocessableEntity, "The video cannot be used", probe.Detail!);
        }

        var video = probe.Properties.ToVideo(staged.Id, fileName, time.GetUtcNow());
        await staged.CommitAsync(video, staged.ContentPath, cancellationToken);
        return new UploadOutcome(video, StatusCodes.Status201Created, null, null);
    }

    private static string? SentFileName(ContentDispositionHeaderValue disposition) =>
        HeaderUtilities.RemoveQuotes(disposition.FileNameStar.HasValue ? disposition.FileNameStar : disposition.FileName).Value;

    private static UploadOutcome TooLarge(long maxBytes) =>
        UploadOutcome.Refused(StatusCodes.Status413PayloadTooLarge, "The file is too large", $"Uploads are limited to {maxBytes} bytes.");
}
