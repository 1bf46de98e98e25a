using System.Globalization;
using System.Runtime.CompilerServices;
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
    /// <summary>When the marks were last found, as this process last read or wrote it; null until then.</summary>
    private volatile StrongBox<DateTimeOffset>? _scannedAt;

    /// <summary>The pipelines that drain a queue (<see cref="BlobNames.DrainMark"/>).</summary>
    public static BlobMarks Drains(BlobContainerClient container) =>
        new(container, BlobNames.DrainMarksPrefix, BlobNames.DrainMarkSuffix);

    /// <summary>The pipelines whose head was deleted while their versions stay (<see cref="BlobNames.DeletionMark"/>).</summary>
    public static BlobMarks Deletions(BlobContainerClient container) =>
        new(container, BlobNames.DeletionMarksPrefix, BlobNames.DeletionMarkSuffix);

    private string Name(string pipelineId) => $"{prefix}{BlobNames.Segment(pipelineId)}{suffix}";

    /// <summary>Writes the mark; returns its ETag, which any later write of the mark changes.</summary>
    public async ValueTask<ETag> MarkAsync(string pipelineId, CancellationToken cancellationToken) =>
        (await container.GetBlobClient(Name(pipelineId)).UploadAsync(BinaryData.Empty, overwrite: true,
            cancellationToken)).Value.ETag;

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
    public ValueTask EnsureBuiltAsync(Func<CancellationToken, ValueTask<IEnumerable<string>>> unmarked,
        CancellationToken cancellationToken) =>
        EnsureBuiltAsync(unmarked, null, cancellationToken);

    /// <summary>
    /// The same, and again whenever the last finding is older than <paramref name="rescan"/>'s interval: in a mixed
    /// deployment an older build goes on writing without marks after the first finding, and only a finding made after
    /// its write sees it. The time of the last finding is kept on the blob (its <c>scanned</c> metadata; a blob an
    /// older build wrote has none, so it is found again at once), and in this process until it is due again.
    /// </summary>
    public async ValueTask EnsureBuiltAsync(Func<CancellationToken, ValueTask<IEnumerable<string>>> unmarked,
        MarkRescan? rescan, CancellationToken cancellationToken)
    {
        var now = rescan?.Time.GetUtcNow();
        if (_scannedAt is { } known && !Due(known.Value, rescan, now))
        {
            return;
        }

        var built = container.GetBlobClient(prefix + BuiltName);
        var scannedAt = await ScannedAtAsync(built, cancellationToken);
        if (scannedAt is null || Due(scannedAt.Value, rescan, now))
        {
            foreach (var pipelineId in await unmarked(cancellationToken))
            {
                await MarkAsync(pipelineId, cancellationToken);
            }

            scannedAt = now ?? DateTimeOffset.MinValue;
            await built.UploadAsync(BinaryData.Empty, new BlobUploadOptions
            {
                Metadata = new Dictionary<string, string>
                {
                    [ScannedKey] = scannedAt.Value.ToString("O", CultureInfo.InvariantCulture),
                },
            }, cancellationToken);
        }

        _scannedAt = new StrongBox<DateTimeOffset>(scannedAt.Value);
    }

    private static bool Due(DateTimeOffset scannedAt, MarkRescan? rescan, DateTimeOffset? now) =>
        rescan is not null && now - scannedAt >= rescan.Every;

    /// <summary>When the marks were last found: null when never; the oldest time when an older build found them.
    /// </summary>
    private static async ValueTask<DateTimeOffset?> ScannedAtAsync(BlobClient built,
        CancellationToken cancellationToken)
    {
        try
        {
            var metadata = (await built.GetPropertiesAsync(cancellationToken: cancellationToken)).Value.Metadata;
            return metadata.TryGetValue(ScannedKey, out var text) && DateTimeOffset.TryParse(text,
                CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var at)
                ? at
                : DateTimeOffset.MinValue;
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return null;
        }
    }

    private const string ScannedKey = "scanned";

    /// <summary>The blob, under the prefix, that says the marks of what was stored before them exist.</summary>
    private const string BuiltName = "index.built";
}

