using System.Text.Json;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using Workflow.Api.Audit;
using Workflow.Services;

namespace Workflow.Functions.Storage;

/// <summary>
/// What makes an Azure save or delete and its audit line durable as a pair. Blob storage has no transaction over the
/// catalogue's head and the audit blob, so a save first writes an intent (<c>_audit/pending/{id}.intent</c>: the entry,
/// and the version with the time and actor it is about to be stored with), then the version, then the line, then
/// removes the intent; a delete writes its intent (<c>{id}.deletion</c>, a name older builds do not read, with the
/// head's ETag and its deletion mark's) after the deletion mark and before the head goes. A process that stops in
/// between leaves the intent; a later read of the audit trail completes it (<see cref="CompleteAsync"/>): once the
/// intent is older than <see cref="Grace"/> (so a write still under way is left to finish), the line is appended if
/// the write happened and the line is not there yet, and the intent is removed either way. A save happened when that
/// version is stored by that save; a delete, when the head it read is gone, or was replaced by a create (which removes
/// the deletion mark) rather than an update (which leaves it). A lease on the intent keeps two readers from
/// completing it twice.
/// </summary>
internal sealed class BlobAuditIntents(BlobContainerClient container, TimeProvider time)
{
    /// <summary>How old an intent is before a read completes it; a save takes far less between its writes.</summary>
    public static readonly TimeSpan Grace = TimeSpan.FromMinutes(1);

    private const string Prefix = "_audit/pending/";
    private const string Suffix = ".intent";
    private const string DeletionSuffix = ".deletion";

    /// <summary>Writes the intent of saving <paramref name="record"/> with <paramref name="entry"/>; returns its name.</summary>
    public async ValueTask<string> WriteAsync(AuditEntry entry, PipelineRecord record,
        CancellationToken cancellationToken)
    {
        var name = $"{Prefix}{Guid.NewGuid():N}{Suffix}";
        var intent = new AuditIntent(entry, record.Definition.Id, record.Version, record.UpdatedAt, record.UpdatedBy,
            time.GetUtcNow());
        await container.GetBlobClient(name).UploadAsync(
            BinaryData.FromString(JsonSerializer.Serialize(intent, StoredJson.Options)), cancellationToken);
        return name;
    }

    /// <summary>Writes the intent of deleting the head <paramref name="deletion"/> names; returns its name.</summary>
    public async ValueTask<string> WriteAsync(AuditEntry entry, HeadDeletion deletion,
        CancellationToken cancellationToken)
    {
        var name = $"{Prefix}{Guid.NewGuid():N}{DeletionSuffix}";
        var head = deletion.Head;
        var intent = new AuditIntent(entry, head.Definition.Id, head.Version, head.UpdatedAt, head.UpdatedBy,
            time.GetUtcNow(), deletion.HeadETag, deletion.DeletionMark);
        await container.GetBlobClient(name).UploadAsync(
            BinaryData.FromString(JsonSerializer.Serialize(intent, StoredJson.Options)), cancellationToken);
        return name;
    }

    public async ValueTask DeleteAsync(string name, CancellationToken cancellationToken) =>
        await container.GetBlobClient(name).DeleteIfExistsAsync(cancellationToken: cancellationToken);

    /// <summary>Completes the intents older than <see cref="Grace"/> that no one is completing.</summary>
    /// <param name="appendOnce">Appends an intent's entry unless the trail holds it already.</param>
    /// <param name="cancellationToken">Cancels the pass; an intent it did not finish stays for the next.</param>
    public async ValueTask CompleteAsync(Func<AuditIntent, CancellationToken, ValueTask> appendOnce,
        CancellationToken cancellationToken)
    {
        await foreach (var item in container.GetBlobsAsync(new GetBlobsOptions { Prefix = Prefix }, cancellationToken))
        {
            if (!item.Name.EndsWith(Suffix, StringComparison.Ordinal)
                && !item.Name.EndsWith(DeletionSuffix, StringComparison.Ordinal))
            {
                continue;
            }

            var blob = container.GetBlobClient(item.Name);
            var intent = await ReadAsync<AuditIntent>(blob, cancellationToken);
            if (intent is null || time.GetUtcNow() - intent.WrittenAt < Grace)
            {
                continue;
            }

            BlobLease lease;
            try
            {
                lease = await blob.GetBlobLeaseClient().AcquireAsync(TimeSpan.FromSeconds(60),
                    cancellationToken: cancellationToken);
            }
            catch (RequestFailedException ex) when (ex.Status is 404 or 409)
            {
                continue; // completed meanwhile, or being completed by another reader
            }

            if (intent.IsDeletion ? await DeletedAsync(intent, cancellationToken)
                    : await StoredAsync(intent, cancellationToken))
            {
                await appendOnce(intent, cancellationToken);
            }

            await blob.DeleteIfExistsAsync(DeleteSnapshotsOption.None,
                new BlobRequestConditions { LeaseId = lease.LeaseId }, cancellationToken);
        }
    }

    /// <summary>Whether the intent's version is in the catalogue as that save stored it (a refused or unfinished
    /// save stored nothing; a concurrent save of the same number stored another time or actor).</summary>
    private async ValueTask<bool> StoredAsync(AuditIntent intent, CancellationToken cancellationToken)
    {
        var record = await ReadAsync<PipelineRecord>(
                         container.GetBlobClient(BlobNames.Version(intent.PipelineId, intent.Version)), cancellationToken)
                     ?? await ReadAsync<PipelineRecord>(
                         container.GetBlobClient(BlobNames.Head(intent.PipelineId)), cancellationToken);
        return record is not null && record.Version == intent.Version && record.UpdatedAt == intent.UpdatedAt &&
               record.UpdatedBy == intent.UpdatedBy;
    }

    /// <summary>
    /// Whether the intent's delete went: its head is gone, or another took its place through a create, which removed
    /// the deletion mark the delete wrote (an update, which leaves the mark, means the delete lost to it). The head
    /// may have gone by a retry of the same delete; <see cref="BlobAuditLog"/> then finds that one's line.
    /// </summary>
    private async ValueTask<bool> DeletedAsync(AuditIntent intent, CancellationToken cancellationToken)
    {
        ETag head;
        try
        {
            head = (await container.GetBlobClient(BlobNames.Head(intent.PipelineId))
                .GetPropertiesAsync(cancellationToken: cancellationToken)).Value.ETag;
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return true;
        }

        return head.ToString() != intent.DeletedHead
               && (await BlobMarks.Deletions(container).ReadAsync(intent.PipelineId, cancellationToken))?.ToString()
               != intent.DeletionMark;
    }

    private static async ValueTask<T?> ReadAsync<T>(BlobClient blob, CancellationToken cancellationToken)
        where T : class
    {
        try
        {
            var content = await blob.DownloadContentAsync(cancellationToken);
            return JsonSerializer.Deserialize<T>(content.Value.Content.ToString(), StoredJson.Options);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return null;
        }
    }
}
