using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace Workflow.Functions.Storage;

/// <summary>
/// An index of pipelines kept in Blob storage beside the definitions: an empty blob per pipeline,
/// <c>{prefix}{pipeline}{suffix}</c>, so that a reader lists the few marked pipelines instead of every blob. Two
/// exist: <see cref="Drains"/>, the pipelines a backlog poll watches (<see cref="Sla.Backlog.WatchedQueues.Drains"/>),
/// and <see cref="Deletions"/>, the pipelines whose head was deleted (<see cref="Retention.DeletedPipelines"/>).
/// Storage has no transaction over two blobs, so the catalogue orders its writes so that the marks may name more
/// pipelines than they should, never fewer (each reader checks the head again): a mark is written before the head
/// moves, and removed after it moved, only if it is still the mark read before the head moved (its ETag), so a writer
/// that marked meanwhile keeps its mark. A crash in between leaves a mark too many.
/// </summary>
internal sealed class BlobMarks(BlobContainerClient container, string prefix, string suffix)
{
    private volatile bool _built;

    /// <summary>The pipelines that drain a queue (<see cref="BlobNames.DrainMark"/>).</summary>
    public static BlobMarks Drains(BlobContainerClient container) =>
        new(container, BlobNames.DrainMarksPrefix, BlobNames.DrainMarkSuffix);

    /// <summary>The pipelines whose head was deleted while their versions stay (<see cref="BlobNames.DeletionMark"/>).</summary>
    public static BlobMarks Deletions(BlobContainerClient container) =>
        new(container, BlobNames.DeletionMarksPrefix, BlobNames.DeletionMarkSuffix);

    private string Name(string pipelineId) => $"{prefix}{BlobNames.Segment(pipelineId)}{suffix}";

    public async ValueTask MarkAsync(string pipelineId, CancellationToken cancellationToken) =>
        await container.GetBlobClient(Name(pipelineId)).UploadAsync(BinaryData.Empty, overwrite: true,
            cancellationToken);

    /// <summary>The mark's ETag, to remove it later only if no one marked again; null when there is none.</summary>
    public async ValueTask<ETag?> ReadAsync(string pipelineId, CancellationToken cancellationToken)
    {
        try
        {
            var properties = await container.GetBlobClient(Name(pipelineId))
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
            await container.GetBlobClient(Name(pipelineId)).DeleteIfExistsAsync(
                DeleteSnapshotsOption.None, new BlobRequestConditions { IfMatch = etag }, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == 412)
        {
            // A writer marked it again since: the mark is its.
        }
    }

    /// <summary>The ids of the marked pipelines.</summary>
    public async IAsyncEnumerable<string> ListAsync(
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var blob in container.GetBlobsAsync(
                           new GetBlobsOptions { Prefix = prefix }, cancellationToken))
        {
            if (blob.Name.EndsWith(suffix, StringComparison.Ordinal))
            {
                yield return Uri.UnescapeDataString(blob.Name[prefix.Length..^suffix.Length]);
            }
        }
    }

    /// <summary>
    /// Marks the pipelines stored before marks existed, which <paramref name="unmarked"/> finds, once per store (a blob
    /// <c>{prefix}index.built</c> says it was done); later calls in this process return at once. A writer meanwhile
    /// marks for itself, so a stale finding only adds marks.
    /// </summary>
    public async ValueTask EnsureBuiltAsync(Func<CancellationToken, ValueTask<IEnumerable<string>>> unmarked,
        CancellationToken cancellationToken)
    {
        if (_built)
        {
            return;
        }

        var built = container.GetBlobClient(prefix + BuiltName);
        if (!await built.ExistsAsync(cancellationToken))
        {
            foreach (var pipelineId in await unmarked(cancellationToken))
            {
                await MarkAsync(pipelineId, cancellationToken);
            }

            await built.UploadAsync(BinaryData.Empty, overwrite: true, cancellationToken);
        }

        _built = true;
    }

    /// <summary>The blob, under the prefix, that says the marks of what was stored before them exist.</summary>
    private const string BuiltName = "index.built";
}
