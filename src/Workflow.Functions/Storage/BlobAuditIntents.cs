using System.Text.Json;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using Workflow.Api.Audit;
using Workflow.Services;

namespace Workflow.Functions.Storage;

/// <summary>
/// What makes an Azure save and its audit line durable as a pair. Blob storage has no transaction over the catalogue's
/// head and the audit blob, so a save first writes an intent (<c>_audit/pending/{id}.intent</c>: the entry, and the
/// version with the time and actor it is about to be stored with), then the version, then the line, then removes the
/// intent. A process that stops in between leaves the intent; a later read of the audit trail completes it
/// (<see cref="CompleteAsync"/>): once the intent is older than <see cref="Grace"/> (so a save still under way is left
/// to finish), the line is appended if that version was stored by that save and the line is not there yet, and the
/// intent is removed either way. A lease on the intent keeps two readers from completing it twice.
/// </summary>
internal sealed class BlobAuditIntents(BlobContainerClient container, TimeProvider time)
{
    /// <summary>How old an intent is before a read completes it; a save takes far less between its writes.</summary>
    public static readonly TimeSpan Grace = TimeSpan.FromMinutes(1);

    private const string Prefix = "_audit/pending/";
    private const string Suffix = ".intent";

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

    public async ValueTask DeleteAsync(string name, CancellationToken cancellationToken) =>
        await container.GetBlobClient(name).DeleteIfExistsAsync(cancellationToken: cancellationToken);

    /// <summary>Completes the intents older than <see cref="Grace"/> that no one is completing.</summary>
    /// <param name="appendOnce">Appends an entry unless the trail holds it already.</param>
    /// <param name="cancellationToken">Cancels the pass; an intent it did not finish stays for the next.</param>
    public async ValueTask CompleteAsync(Func<AuditEntry, CancellationToken, ValueTask> appendOnce,
        CancellationToken cancellationToken)
    {
        await foreach (var item in container.GetBlobsAsync(new GetBlobsOptions { Prefix = Prefix }, cancellationToken))
        {
            if (!item.Name.EndsWith(Suffix, StringComparison.Ordinal))
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

            if (await StoredAsync(intent, cancellationToken))
            {
                await appendOnce(intent.Entry, cancellationToken);
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
