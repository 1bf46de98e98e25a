using Azure;
using Azure.Storage.Blobs.Models;
using Workflow.Runtime.Scheduling;

namespace Workflow.Functions.Storage;

/// <summary>
/// Schedule watermarks as small blobs; compare-and-set is the blob's ETag (If-Match, or If-None-Match for the
/// first write), so two app instances ticking at once never both advance one watermark.
/// </summary>
public sealed class BlobWatermarkStore(BlobContainers containers) : IWatermarkStore
{
    public async ValueTask<IReadOnlyDictionary<(string PipelineId, string ScheduleKey), DateTimeOffset>> LoadAsync(
        CancellationToken cancellationToken)
    {
        var result = new Dictionary<(string, string), DateTimeOffset>();
        await foreach (var blob in containers.Definitions.GetBlobsAsync(
                           new GetBlobsOptions { Prefix = BlobNames.WatermarksPrefix }, cancellationToken))
        {
            if (!blob.Name.EndsWith(BlobNames.WatermarkSuffix, StringComparison.Ordinal))
            {
                continue;
            }

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

        return await ConditionalBlob.TryWriteAsync(containers.Definitions.GetBlobClient(name),
            BinaryData.FromObjectAsJson(new Watermark(pipelineId, scheduleKey, next)), etag, cancellationToken);
    }

    private ValueTask<(Watermark? Mark, ETag? ETag)> ReadAsync(string name, CancellationToken cancellationToken) =>
        ConditionalBlob.ReadJsonAsync<Watermark>(containers.Definitions.GetBlobClient(name), cancellationToken);

    private sealed record Watermark(string PipelineId, string ScheduleKey, DateTimeOffset At);
}
