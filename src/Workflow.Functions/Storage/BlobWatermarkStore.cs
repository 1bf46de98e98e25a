using System.Text.Json;
using Azure;
using Azure.Storage.Blobs.Models;
using Workflow.Engine.Scheduling;
using Workflow.Orchestration.Hosting;

namespace Workflow.Functions.Storage;

/// <summary>
/// Schedule watermarks as small blobs; compare-and-set is the blob's ETag (If-Match, or If-None-Match for the
/// first write), so two app instances ticking at once never both advance one watermark.
/// </summary>
public sealed class BlobWatermarkStore(BlobContainers containers) : IWatermarkStore
{
    private const string Prefix = "_schedule/";

    public async ValueTask<IReadOnlyDictionary<(string PipelineId, string ScheduleKey), DateTimeOffset>> LoadAsync(
        CancellationToken cancellationToken)
    {
        var result = new Dictionary<(string, string), DateTimeOffset>();
        await foreach (var blob in containers.Definitions.GetBlobsAsync(new GetBlobsOptions { Prefix = Prefix },
                           cancellationToken))
        {
            var stored = await ReadAsync(blob.Name, cancellationToken);
            if (stored.Mark is { } mark)
            {
                result[(mark.PipelineId, mark.ScheduleKey)] = mark.At;
            }
        }

        return result;
    }

    public async ValueTask<bool> TryAdvanceAsync(string pipelineId, string scheduleKey, DateTimeOffset? expected,
        DateTimeOffset next, CancellationToken cancellationToken)
    {
        var name = BlobNames.Watermark(pipelineId, scheduleKey);
        var (mark, etag) = await ReadAsync(name, cancellationToken);
        if (mark?.At != expected)
        {
            return false;
        }

        var conditions = etag is { } e ? new BlobRequestConditions { IfMatch = e }
            : new BlobRequestConditions { IfNoneMatch = ETag.All };
        try
        {
            await containers.Definitions.GetBlobClient(name).UploadAsync(
                BinaryData.FromObjectAsJson(new Watermark(pipelineId, scheduleKey, next)),
                new BlobUploadOptions { Conditions = conditions }, cancellationToken);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status is 409 or 412)
        {
            return false;
        }
    }

    private async ValueTask<(Watermark? Mark, ETag? ETag)> ReadAsync(string name, CancellationToken cancellationToken)
    {
        try
        {
            var result = await containers.Definitions.GetBlobClient(name).DownloadContentAsync(cancellationToken);
            return (result.Value.Content.ToObjectFromJson<Watermark>(), result.Value.Details.ETag);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return (null, null);
        }
        catch (JsonException)
        {
            return (null, null);
        }
    }

    private sealed record Watermark(string PipelineId, string ScheduleKey, DateTimeOffset At);
}
