using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Workflow.Services;
using Workflow.Sla.Backlog;

namespace Workflow.Functions.Storage;

/// <summary>
/// The Azure app's index of the pipelines a backlog poll watches (<see cref="WatchedQueues.Drains"/>): an empty blob
/// per pipeline, <see cref="BlobNames.DrainMark"/>, beside the definitions. Storage has no transaction over two blobs,
/// so the catalogue orders its writes so that the marks may name more pipelines than drain, never fewer (the poll
/// checks each marked head again): a save that drains marks before its head moves; a save that does not drain, and a
/// delete, remove the mark after the head moved, and only if it is still the mark read before the head moved (its
/// ETag), so a save that marked meanwhile keeps its mark. A crash in between leaves a mark too many.
/// </summary>
internal sealed class BlobDrainMarks(BlobContainerClient container)
{
    private volatile bool _built;

    public async ValueTask MarkAsync(string pipelineId, CancellationToken cancellationToken) =>
        await container.GetBlobClient(BlobNames.DrainMark(pipelineId)).UploadAsync(BinaryData.Empty, overwrite: true,
            cancellationToken);

    /// <summary>The mark's ETag, to remove it later only if no one marked again; null when there is none.</summary>
    public async ValueTask<ETag?> ReadAsync(string pipelineId, CancellationToken cancellationToken)
    {
        try
        {
            var properties = await container.GetBlobClient(BlobNames.DrainMark(pipelineId))
                .GetPropertiesAsync(cancellationToken: cancellationToken);
            return properties.Value.ETag;
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return null;
        }
    }

    /// <summary>Removes the mark <paramref name="read"/> before the head moved, unless it was written again since.</summary>
    public async ValueTask RemoveAsync(string pipelineId, ETag? read, CancellationToken cancellationToken)
    {
        if (read is not { } etag)
        {
            return;
        }

        try
        {
            await container.GetBlobClient(BlobNames.DrainMark(pipelineId)).DeleteIfExistsAsync(
                DeleteSnapshotsOption.None, new BlobRequestConditions { IfMatch = etag }, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == 412)
        {
            // A save that drains marked it again: the mark is its.
        }
    }

    /// <summary>The ids of the marked pipelines.</summary>
    public async IAsyncEnumerable<string> ListAsync(
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var blob in container.GetBlobsAsync(
                           new GetBlobsOptions { Prefix = BlobNames.DrainMarksPrefix }, cancellationToken))
        {
            if (blob.Name.EndsWith(BlobNames.DrainMarkSuffix, StringComparison.Ordinal))
            {
                yield return Uri.UnescapeDataString(
                    blob.Name[BlobNames.DrainMarksPrefix.Length..^BlobNames.DrainMarkSuffix.Length]);
            }
        }
    }

    /// <summary>
    /// Marks the pipelines saved before marks existed, once per store (<see cref="BlobNames.DrainMarksBuilt"/>); later
    /// calls in this process return at once. A save meanwhile marks for itself, so a stale listing only adds marks.
    /// </summary>
    public async ValueTask EnsureBuiltAsync(Func<CancellationToken, ValueTask<IReadOnlyList<PipelineRecord>>> stored,
        CancellationToken cancellationToken)
    {
        if (_built)
        {
            return;
        }

        var built = container.GetBlobClient(BlobNames.DrainMarksBuilt);
        if (!await built.ExistsAsync(cancellationToken))
        {
            foreach (var pipeline in await stored(cancellationToken))
            {
                if (!pipeline.IsDynamic && WatchedQueues.Drains(pipeline.Definition))
                {
                    await MarkAsync(pipeline.Definition.Id, cancellationToken);
                }
            }

            await built.UploadAsync(BinaryData.Empty, overwrite: true, cancellationToken);
        }

        _built = true;
    }
}
