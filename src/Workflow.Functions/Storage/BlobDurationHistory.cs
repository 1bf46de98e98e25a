using Azure.Storage.Blobs.Models;

namespace Workflow.Functions.Storage;

/// <summary>
/// Recent successful durations per task, one <see cref="DurationSamples"/> blob per task in the definitions
/// container (which no lifecycle rule expires). Writes are read-modify-write guarded by the blob's ETag, so two
/// instances finishing the same task id at once both land; after a few lost races a sample is dropped, which only
/// makes the estimate a little older.
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
}
