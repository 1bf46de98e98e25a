using Azure.Storage.Blobs.Models;

namespace Workflow.Functions.Storage;

/// <summary>
/// Recent successful durations per task, one <see cref="DurationSamples"/> blob per task in the definitions
/// container (which no lifecycle rule expires). Writes are read-modify-write guarded by the blob's ETag, so two
/// instances finishing the same task id at once both land; after a few lost races a sample is dropped, which only
/// makes the estimate a little older. <see cref="Keep"/> bounds each blob when it is written, which is what the
/// embedded host's retention sweep does to its rows; a deleted pipeline's samples go with it
/// (<see cref="DeleteAsync"/>), and the retention purge removes any that a run still going at the delete wrote
/// afterwards (<see cref="PipelinesAsync"/>).
/// </summary>
public sealed class BlobDurationHistory(BlobContainers containers)
{
    /// <summary>Samples kept per task: the estimator's default window of 30, with room to widen it.</summary>
    public const int Keep = 50;

    private const int Attempts = 4;

    public async ValueTask<bool> RecordAsync(string pipelineId, string taskId, TimeSpan duration,
        CancellationToken cancellationToken)
    {
        var blob = containers.Definitions.GetBlobClient(BlobNames.Durations(pipelineId, taskId));
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            // Losing a race means another instance wrote in between: read again and retry.
            var (samples, etag) = await ConditionalBlob.ReadJsonAsync<DurationSamples>(blob, cancellationToken);
            if (await ConditionalBlob.TryWriteAsync(blob,
                    BinaryData.FromObjectAsJson((samples ?? DurationSamples.Empty).Add(duration, Keep)), etag,
                    cancellationToken))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Every task's samples for one pipeline, oldest first, keyed by task id.</summary>
    public async ValueTask<IReadOnlyDictionary<string, IReadOnlyList<TimeSpan>>> RecentAsync(string pipelineId,
        CancellationToken cancellationToken)
    {
        var prefix = BlobNames.DurationsPrefix(pipelineId);
        var recent = new Dictionary<string, IReadOnlyList<TimeSpan>>(StringComparer.Ordinal);
        // Azure.Storage.Blobs 12.27+: the prefix goes in GetBlobsOptions (GetBlobsAsync(prefix: ...) no longer compiles).
        await foreach (var item in containers.Definitions.GetBlobsAsync(new GetBlobsOptions { Prefix = prefix },
                           cancellationToken))
        {
            if (!item.Name.EndsWith(BlobNames.DurationsSuffix, StringComparison.Ordinal))
            {
                continue;
            }

            var segment = item.Name[prefix.Length..^BlobNames.DurationsSuffix.Length];
            var (samples, _) = await ConditionalBlob.ReadJsonAsync<DurationSamples>(
                containers.Definitions.GetBlobClient(item.Name), cancellationToken);
            recent[Uri.UnescapeDataString(segment)] = (samples ?? DurationSamples.Empty).Durations;
        }

        return recent;
    }
    /// <summary>Removes every sample of a pipeline; returns how many task blobs went.</summary>
    public async ValueTask<int> DeleteAsync(string pipelineId, CancellationToken cancellationToken)
    {
        var deleted = 0;
        await foreach (var item in containers.Definitions.GetBlobsAsync(
                           new GetBlobsOptions { Prefix = BlobNames.DurationsPrefix(pipelineId) }, cancellationToken))
        {
            if (await containers.Definitions.GetBlobClient(item.Name).DeleteIfExistsAsync(
                    DeleteSnapshotsOption.IncludeSnapshots, cancellationToken: cancellationToken))
            {
                deleted++;
            }
        }

        return deleted;
    }

    /// <summary>The pipelines that have samples, whether or not the catalogue still holds them.</summary>
    public async ValueTask<IReadOnlyList<string>> PipelinesAsync(CancellationToken cancellationToken)
    {
        var pipelines = new List<string>();
        await foreach (var item in containers.Definitions.GetBlobsByHierarchyAsync(
                           new GetBlobsByHierarchyOptions { Prefix = BlobNames.DurationsRoot, Delimiter = "/" },
                           cancellationToken))
        {
            if (item.IsPrefix)
            {
                pipelines.Add(Uri.UnescapeDataString(item.Prefix[BlobNames.DurationsRoot.Length..^1]));
            }
        }

        return pipelines;
    }
}
