using Azure.Storage.Blobs.Models;
using Workflow.Functions.Storage;
using Workflow.Services;

namespace Workflow.Functions.Retention;

/// <summary>
/// The pipelines whose head was deleted while their versions stay for the runs pinned to them, each as its last
/// version. The retention purge purges their runs by that version's retention, as the embedded host purges a deleted
/// pipeline's runs by its head's last version; without them, a deleted pipeline's runs would be kept for ever.
/// </summary>
public sealed class DeletedPipelines(BlobContainers containers, BlobPipelineCatalog catalog)
{
    /// <param name="live">The ids the catalogue holds (stored heads and the sources' pipelines), which are not deleted.</param>
    /// <param name="cancellationToken">Stops the listing.</param>
    public async ValueTask<IReadOnlyList<PipelineRecord>> ListAsync(IEnumerable<string> live,
        CancellationToken cancellationToken)
    {
        var kept = live.ToHashSet(StringComparer.Ordinal);
        var last = new Dictionary<string, int>(StringComparer.Ordinal);
        await foreach (var blob in containers.Definitions.GetBlobsAsync(new GetBlobsOptions(), cancellationToken))
        {
            if (VersionOf(blob.Name) is ({ } pipelineId, var version) && !kept.Contains(pipelineId))
            {
                last[pipelineId] = Math.Max(version, last.GetValueOrDefault(pipelineId));
            }
        }

        var records = new List<PipelineRecord>();
        foreach (var (pipelineId, version) in last.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            if (await catalog.GetAsync(pipelineId, version, cancellationToken) is { } record)
            {
                records.Add(record);
            }
        }

        return records;
    }

    /// <summary>The pipeline and version of a version blob's name (<see cref="BlobNames.Version"/>), else null.</summary>
    private static (string PipelineId, int Version)? VersionOf(string name)
    {
        var parts = name.Split('/');
        return parts is [var segment, "versions", var file] && BlobNames.VersionOfFile(file) is { } version
            ? (Uri.UnescapeDataString(segment), version)
            : null;
    }
}
