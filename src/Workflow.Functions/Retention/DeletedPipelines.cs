using Azure.Storage.Blobs.Models;
using Microsoft.Extensions.Options;
using Workflow.Functions.Storage;
using Workflow.Services;

namespace Workflow.Functions.Retention;

/// <summary>
/// The pipelines whose head was deleted while their versions stay for the runs pinned to them, each as its last
/// version. The retention purge purges their runs by that version's retention, as the embedded host purges a deleted
/// pipeline's runs by its head's last version; without them, a deleted pipeline's runs would be kept for ever. They are
/// read from the catalogue's deletion marks (<see cref="BlobMarks.Deletions"/>) and each one's own versions, not from a
/// listing of every blob; the pipelines an older build deleted, which it did not mark, are found by that listing, once
/// per store and again every <see cref="RetentionOptions.UnmarkedDeletionsRescan"/> (an older build still running in a
/// mixed deployment deletes without marks after the first listing).
/// </summary>
public sealed class DeletedPipelines(BlobContainers containers, BlobPipelineCatalog catalog,
    IOptions<RetentionOptions> options, TimeProvider time)
{
    /// <param name="live">The ids the catalogue holds (stored heads and the sources' pipelines), which are not deleted.</param>
    /// <param name="cancellationToken">Stops the listing.</param>
    public async ValueTask<IReadOnlyList<PipelineRecord>> ListAsync(IEnumerable<string> live,
        CancellationToken cancellationToken)
    {
        var kept = live.ToHashSet(StringComparer.Ordinal);
        await catalog.Deletions.EnsureBuiltAsync(async cancel => await VersionedAsync(cancel),
            new MarkRescan(options.Value.UnmarkedDeletionsRescan, time), cancellationToken);
        var marked = new SortedSet<string>(StringComparer.Ordinal);
        await foreach (var pipelineId in catalog.Deletions.ListAsync(cancellationToken))
        {
            if (!kept.Contains(pipelineId))
            {
                marked.Add(pipelineId);
            }
        }

        var records = new List<PipelineRecord>();
        foreach (var pipelineId in marked)
        {
            if (await catalog.LastVersionAsync(pipelineId, cancellationToken) is > 0 and var version
                && await catalog.GetAsync(pipelineId, version, cancellationToken) is { } record)
            {
                records.Add(record);
            }
        }

        return records;
    }

    /// <summary>
    /// The pipelines with a version blob and no head, from a listing of every blob: what a build before the marks
    /// deleted. Read when the marks are built, and again when that is due.
    /// </summary>
    private async ValueTask<IEnumerable<string>> VersionedAsync(CancellationToken cancellationToken)
    {
        var versioned = new SortedSet<string>(StringComparer.Ordinal);
        var heads = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var blob in containers.Definitions.GetBlobsAsync(new GetBlobsOptions(), cancellationToken))
        {
            var parts = blob.Name.Split('/');
            if (parts is [var segment, "versions", var file] && BlobNames.VersionOfFile(file) is not null)
            {
                versioned.Add(Uri.UnescapeDataString(segment));
            }
            else if (parts is [var head, "current.json"])
            {
                heads.Add(Uri.UnescapeDataString(head));
            }
        }

        versioned.ExceptWith(heads);
        return versioned;
    }
}
