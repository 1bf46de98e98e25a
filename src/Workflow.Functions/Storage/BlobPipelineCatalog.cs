using System.Text.Json;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Workflow.Building;
using Workflow.Json;
using Workflow.Model;
using Workflow.Services;
using Workflow.Sla.Backlog;

namespace Workflow.Functions.Storage;

/// <summary>
/// The definitions catalogue in Blob storage: a blob per version, and a head blob whose ETag makes concurrent
/// edits safe (the loser of a race gets 412 from storage and a conflict from here). Version rules are
/// <see cref="CatalogRules"/>; blob names are <see cref="BlobNames"/>. Reads also see the dynamic pipelines of the
/// registered <see cref="IPipelineSource"/>s, merged as the embedded host merges them
/// (<see cref="PipelineSourceSet"/>). Saves and deletes keep the marks of the pipelines that drain queues
/// (<see cref="BlobMarks.Drains"/>), which a backlog poll reads instead of listing every pipeline, and of the pipelines
/// deleted (<see cref="Deletions"/>), which the retention pass reads instead of listing every version.
/// </summary>
public sealed class BlobPipelineCatalog(BlobContainers containers, TimeProvider time,
    IEnumerable<IPipelineSource>? sources = null) : IDrainingPipelines
{
    private readonly PipelineSourceSet _dynamic = new(sources ?? []);

    /// <summary>Head blobs by name and ETag: a listing downloads and parses only the heads that changed.</summary>
    private readonly PipelineRecordCache<string> _heads = new();

    private readonly BlobMarks _marks = BlobMarks.Drains(containers.Definitions);

    /// <summary>The pipelines whose head was deleted: marked before the head goes, unmarked after a new head is made.</summary>
    internal BlobMarks Deletions { get; } = BlobMarks.Deletions(containers.Definitions);

    private BlobContainerClient Container => containers.Definitions;

    public ValueTask<PipelineRecord> UpsertAsync(PipelineDefinition definition, int? expectedVersion, string actor,
        CancellationToken cancellationToken) =>
        UpsertAsync(definition, expectedVersion, actor, null, cancellationToken);

    /// <param name="definition">The definition to store as a new version; one equal to the current version is
    /// answered with that version, and nothing is written.</param>
    /// <param name="expectedVersion">The version it replaces (If-Match); null for a create.</param>
    /// <param name="actor">Who saves it.</param>
    /// <param name="beforeWrite">Told the record about to be stored, before anything is written (an audited save
    /// writes its intent there).</param>
    /// <param name="cancellationToken">Cancels the save.</param>
    public async ValueTask<PipelineRecord> UpsertAsync(PipelineDefinition definition, int? expectedVersion, string actor,
        Func<PipelineRecord, CancellationToken, ValueTask>? beforeWrite, CancellationToken cancellationToken)
    {
        var (current, etag) = await ReadAsync(BlobNames.Head(definition.Id), cancellationToken);
        // A deleted pipeline has no head but keeps its versions; a new head must not overwrite them.
        var last = current is null ? await LastVersionAsync(definition.Id, cancellationToken) : 0;
        var version = CatalogRules.NextVersion(definition.Id, current, expectedVersion, last);
        if (current is not null && PipelineJson.SameContent(current.Definition, definition))
        {
            return current; // Nothing changes: no version, and no intent told (the engine's rule).
        }

        var record = new PipelineRecord(definition with { Version = version }, version, $"\"v{version}\"",
            time.GetUtcNow(), actor);
        var body = BinaryData.FromString(JsonSerializer.Serialize(record, StoredJson.Options));
        if (beforeWrite is not null)
        {
            await beforeWrite(record, cancellationToken);
        }

        var drains = WatchedQueues.Drains(definition);
        var mark = drains ? null : await _marks.ReadAsync(definition.Id, cancellationToken);
        var deleted = current is null ? await Deletions.ReadAsync(definition.Id, cancellationToken) : null;
        if (drains)
        {
            await _marks.MarkAsync(definition.Id, cancellationToken);
        }

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
            throw current is null
                ? PipelineIdTaken.Refusal(definition.Id)
                : new VersionConflictException($"Pipeline '{definition.Id}' was changed by someone else at the same " +
                                               "time; reload it and apply the change again.");
        }

        await Container.GetBlobClient(BlobNames.Version(definition.Id, version)).UploadAsync(body, overwrite: true,
            cancellationToken);
        await _marks.RemoveAsync(definition.Id, mark, cancellationToken);
        await Deletions.RemoveAsync(definition.Id, deleted, cancellationToken);
        return record;
    }

    public async ValueTask<PipelineRecord?> GetAsync(string pipelineId, int? version,
        CancellationToken cancellationToken) =>
        await GetStoredAsync(pipelineId, version, cancellationToken)
        ?? await _dynamic.GetAsync(pipelineId, version, time.GetUtcNow(), cancellationToken);

    /// <summary>
    /// The definition a new run pins: the stored version (the current one, or the one a rerun names), else one
    /// generated by the source that lists the pipeline, for the run's logical time and parameters.
    /// </summary>
    public async ValueTask<PipelineRecord?> ForRunAsync(string pipelineId, int? version, PipelineContext context,
        CancellationToken cancellationToken)
    {
        if (await GetStoredAsync(pipelineId, version, cancellationToken) is { } stored)
        {
            return stored;
        }

        return await _dynamic.DefineAsync(pipelineId, context, cancellationToken) is { } generated
            ? PipelineSourceSet.Record(generated, time.GetUtcNow())
            : null;
    }

    private async ValueTask<PipelineRecord?> GetStoredAsync(string pipelineId, int? version,
        CancellationToken cancellationToken)
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
            if (!blob.Name.EndsWith("/current.json", StringComparison.Ordinal))
            {
                continue;
            }

            if (blob.Properties.ETag is { } listed && _heads.TryGet(blob.Name, Stamp(listed), out var unchanged))
            {
                records.Add(unchanged);
            }
            else if (await ReadAsync(blob.Name, cancellationToken) is ({ } record, { } read))
            {
                records.Add(_heads.Keep(blob.Name, Stamp(read), record));
            }
        }

        return PipelineSourceSet.Merge(records, await _dynamic.ListAsync(time.GetUtcNow(), cancellationToken));
    }

    /// <summary>
    /// The marked pipelines' heads (parsed only when their ETag changed), plus the generated ones that drain; the
    /// pipelines saved before the marks existed are found once per store.
    /// </summary>
    public ValueTask<IReadOnlyList<PipelineDefinition>> ListDrainingAsync(CancellationToken cancellationToken) =>
        ListDrainingAsync(null, cancellationToken);

    /// <summary>
    /// The same, finding the unmarked pipelines again whenever <paramref name="rescan"/> is due: a build before the
    /// marks, still running in a mixed deployment, saves a pipeline that drains without marking it, and only a
    /// listing made after its save sees it.
    /// </summary>
    internal async ValueTask<IReadOnlyList<PipelineDefinition>> ListDrainingAsync(MarkRescan? rescan,
        CancellationToken cancellationToken)
    {
        await _marks.EnsureBuiltAsync(async cancel => (await ListAsync(cancel))
            .Where(p => !p.IsDynamic && WatchedQueues.Drains(p.Definition)).Select(p => p.Definition.Id),
            rescan, cancellationToken);
        var marked = new List<PipelineRecord>();
        await foreach (var pipelineId in _marks.ListAsync(cancellationToken))
        {
            if (await CurrentAsync(pipelineId, cancellationToken) is { } head)
            {
                marked.Add(head);
            }
        }

        return await DrainingPipelines.SelectAsync(marked, await _dynamic.ListAsync(time.GetUtcNow(), cancellationToken),
            async (id, cancel) => await CurrentAsync(id, cancel) is not null, cancellationToken);
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
    public ValueTask<bool> DeleteAsync(string pipelineId, int? expectedVersion, CancellationToken cancellationToken) =>
        DeleteAsync(pipelineId, expectedVersion, null, cancellationToken);

    /// <param name="pipelineId">The pipeline whose head goes.</param>
    /// <param name="expectedVersion">The version the caller read (If-Match); null for whichever is current.</param>
    /// <param name="beforeDelete">Told the head about to go and its deletion mark, after the mark is written and
    /// before the head is deleted (an audited delete writes its intent there).</param>
    /// <param name="cancellationToken">Cancels the delete.</param>
    internal async ValueTask<bool> DeleteAsync(string pipelineId, int? expectedVersion,
        Func<HeadDeletion, CancellationToken, ValueTask>? beforeDelete, CancellationToken cancellationToken)
    {
        var (current, etag) = await ReadAsync(BlobNames.Head(pipelineId), cancellationToken);
        if (current is null)
        {
            return false;
        }

        if (expectedVersion is { } expected && expected != current.Version)
        {
            throw new VersionConflictException(
                $"Pipeline '{pipelineId}' is at version {current.Version}, not {expected}; reload it before deleting.");
        }

        var mark = await _marks.ReadAsync(pipelineId, cancellationToken);
        var deletionMark = await Deletions.MarkAsync(pipelineId, cancellationToken);
        if (beforeDelete is not null)
        {
            await beforeDelete(new HeadDeletion(current, etag!.Value.ToString(), deletionMark.ToString()),
                cancellationToken);
        }

        try
        {
            var response = await Container.GetBlobClient(BlobNames.Head(pipelineId)).DeleteIfExistsAsync(
                DeleteSnapshotsOption.IncludeSnapshots, new BlobRequestConditions { IfMatch = etag }, cancellationToken);
            await _marks.RemoveAsync(pipelineId, mark, cancellationToken);
            return response.Value;
        }
        catch (RequestFailedException ex) when (ex.Status == 412)
        {
            // Another instance changed or deleted the head since it was read.
            if ((await ReadAsync(BlobNames.Head(pipelineId), cancellationToken)).Record is null)
            {
                return false;
            }

            throw new VersionConflictException(
                $"Pipeline '{pipelineId}' was changed by someone else at the same time; reload it before deleting.", ex);
        }
    }

    /// <summary>The highest version stored of the pipeline, 0 when none: one listing of its own versions.</summary>
    internal async ValueTask<int> LastVersionAsync(string pipelineId, CancellationToken cancellationToken)
    {
        var prefix = BlobNames.VersionsPrefix(pipelineId);
        var last = 0;
        await foreach (var blob in Container.GetBlobsAsync(new GetBlobsOptions { Prefix = prefix }, cancellationToken))
        {
            if (BlobNames.VersionOfFile(blob.Name.AsSpan(prefix.Length)) is { } version)
            {
                last = Math.Max(last, version);
            }
        }

        return last;
    }

    /// <summary>A listing and a download do not quote a blob's ETag alike (the listing's did not equal the download's
    /// on Azurite); the value inside the quotes is the same.</summary>
    private static string Stamp(ETag etag) => etag.ToString().Trim('"');

    /// <summary>The stored current version, parsed only when its head's ETag changed since it was last parsed.</summary>
    private async ValueTask<PipelineRecord?> CurrentAsync(string pipelineId, CancellationToken cancellationToken)
    {
        var name = BlobNames.Head(pipelineId);
        try
        {
            var result = await Container.GetBlobClient(name).DownloadContentAsync(cancellationToken);
            var stamp = Stamp(result.Value.Details.ETag);
            return _heads.TryGet(name, stamp, out var unchanged) ? unchanged
                : Parse(result.Value.Content) is { } record ? _heads.Keep(name, stamp, record) : null;
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return null;
        }
    }

    private static PipelineRecord? Parse(BinaryData content) =>
        JsonSerializer.Deserialize<PipelineRecord>(content.ToString(), StoredJson.Options);

    private async ValueTask<(PipelineRecord? Record, ETag? ETag)> ReadAsync(string name, CancellationToken cancellationToken)
    {
        try
        {
            var result = await Container.GetBlobClient(name).DownloadContentAsync(cancellationToken);
            return (Parse(result.Value.Content), result.Value.Details.ETag);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return (null, null);
        }
    }
}
