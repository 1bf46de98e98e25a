using System.Globalization;
using System.Text.Json;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Workflow.Json;
using Workflow.Model;
using Workflow.Orchestration.Hosting;
using Workflow.Services;

namespace Workflow.Functions.Storage;

/// <summary>
/// The definitions catalogue in Blob storage: a blob per version, and a head blob whose ETag makes concurrent
/// edits safe (the loser of a race gets 412 from storage and a conflict from here). Version rules are
/// <see cref="CatalogRules"/>; blob names are <see cref="BlobNames"/>.
/// </summary>
public sealed class BlobPipelineCatalog(BlobContainers containers, TimeProvider time)
{
    private BlobContainerClient Container => containers.Definitions;

    public async ValueTask<PipelineRecord> UpsertAsync(PipelineDefinition definition, int? expectedVersion, string actor,
        CancellationToken cancellationToken)
    {
        var (current, etag) = await ReadAsync(BlobNames.Head(definition.Id), cancellationToken);
        // A deleted pipeline has no head but keeps its versions; a new head must not overwrite them.
        var last = current is null ? await LastVersionAsync(definition.Id, cancellationToken) : 0;
        var version = CatalogRules.NextVersion(definition.Id, current, expectedVersion, last);
        var record = new PipelineRecord(definition with { Version = version }, version, $"\"v{version}\"",
            time.GetUtcNow(), actor);
        var body = BinaryData.FromString(JsonSerializer.Serialize(record, StoredJson.Options));
        if (current is not null)
        {
            // The version blob follows the head, so a crash in between leaves the head alone with its version;
            // keep that version before the head moves on. A no-op (412/409) when it exists.
            var kept = Container.GetBlobClient(BlobNames.Version(definition.Id, current.Version));
            await ConditionalBlob.TryWriteAsync(kept,
                BinaryData.FromString(JsonSerializer.Serialize(current, StoredJson.Options)), null, cancellationToken);
        }

        // The head decides: only the writer whose ETag still matches moves it; the version blob follows.
        if (!await ConditionalBlob.TryWriteAsync(Container.GetBlobClient(BlobNames.Head(definition.Id)), body, etag,
                cancellationToken))
        {
            throw new InvalidOperationException(
                $"Pipeline '{definition.Id}' was changed by someone else at the same time; reload it and apply the change again.");
        }

        await Container.GetBlobClient(BlobNames.Version(definition.Id, version)).UploadAsync(body, overwrite: true,
            cancellationToken);
        return record;
    }

    public async ValueTask<PipelineRecord?> GetAsync(string pipelineId, int? version, CancellationToken cancellationToken)
    {
        var head = BlobNames.Head(pipelineId);
        if (version is not { } v)
        {
            return (await ReadAsync(head, cancellationToken)).Record;
        }

        // The head is its own version's record too, in case writing the version blob after it failed.
        return (await ReadAsync(BlobNames.Version(pipelineId, v), cancellationToken)).Record
               ?? ((await ReadAsync(head, cancellationToken)).Record is { } current && current.Version == v
                   ? current : null);
    }

    public async ValueTask<IReadOnlyList<PipelineRecord>> ListAsync(CancellationToken cancellationToken)
    {
        var records = new List<PipelineRecord>();
        await foreach (var blob in Container.GetBlobsAsync(new GetBlobsOptions(), cancellationToken))
        {
            if (blob.Name.EndsWith("/current.json", StringComparison.Ordinal)
                && (await ReadAsync(blob.Name, cancellationToken)).Record is { } record)
            {
                records.Add(record);
            }
        }

        return records;
    }

    public async ValueTask<IReadOnlyList<PipelineRecord>> VersionsAsync(string pipelineId, CancellationToken cancellationToken)
    {
        var records = new List<PipelineRecord>();
        await foreach (var blob in Container.GetBlobsAsync(
                           new GetBlobsOptions { Prefix = BlobNames.VersionsPrefix(pipelineId) }, cancellationToken))
        {
            if ((await ReadAsync(blob.Name, cancellationToken)).Record is { } record)
            {
                records.Add(record);
            }
        }

        if ((await ReadAsync(BlobNames.Head(pipelineId), cancellationToken)).Record is { } head
            && records.All(r => r.Version != head.Version))
        {
            records.Add(head);
        }

        return records;
    }

    /// <summary>Removes the head; versions stay so that runs pinned to them can still be read.</summary>
    public async ValueTask<bool> DeleteAsync(string pipelineId, int? expectedVersion, CancellationToken cancellationToken)
    {
        var (current, etag) = await ReadAsync(BlobNames.Head(pipelineId), cancellationToken);
        if (current is null)
        {
            return false;
        }

        if (expectedVersion is { } expected && expected != current.Version)
        {
            throw new InvalidOperationException(
                $"Pipeline '{pipelineId}' is at version {current.Version}, not {expected}; reload it before deleting.");
        }

        try
        {
            var response = await Container.GetBlobClient(BlobNames.Head(pipelineId)).DeleteIfExistsAsync(
                DeleteSnapshotsOption.IncludeSnapshots, new BlobRequestConditions { IfMatch = etag }, cancellationToken);
            return response.Value;
        }
        catch (RequestFailedException ex) when (ex.Status == 412)
        {
            // Another instance changed or deleted the head since it was read.
            if ((await ReadAsync(BlobNames.Head(pipelineId), cancellationToken)).Record is null)
            {
                return false;
            }

            throw new InvalidOperationException(
                $"Pipeline '{pipelineId}' was changed by someone else at the same time; reload it before deleting.", ex);
        }
    }

    private async ValueTask<int> LastVersionAsync(string pipelineId, CancellationToken cancellationToken)
    {
        var prefix = BlobNames.VersionsPrefix(pipelineId);
        var last = 0;
        await foreach (var blob in Container.GetBlobsAsync(new GetBlobsOptions { Prefix = prefix }, cancellationToken))
        {
            var file = blob.Name.AsSpan(prefix.Length);
            if (file.EndsWith(".json", StringComparison.Ordinal)
                && int.TryParse(file[..^".json".Length], NumberStyles.None, CultureInfo.InvariantCulture,
                    out var version))
            {
                last = Math.Max(last, version);
            }
        }

        return last;
    }

    private async ValueTask<(PipelineRecord? Record, ETag? ETag)> ReadAsync(string name, CancellationToken cancellationToken)
    {
        try
        {
            var result = await Container.GetBlobClient(name).DownloadContentAsync(cancellationToken);
            var record = JsonSerializer.Deserialize<PipelineRecord>(result.Value.Content.ToString(), StoredJson.Options);
            return (record, result.Value.Details.ETag);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return (null, null);
        }
    }
}
