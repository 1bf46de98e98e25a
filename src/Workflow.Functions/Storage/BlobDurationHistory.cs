using System.Text.Json;
using Azure;
using Azure.Storage.Blobs.Models;
using Workflow.Orchestration.Hosting;

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
            var (samples, etag) = await ReadAsync(blob.Name, cancellationToken);
            var conditions = etag is { } e ? new BlobRequestConditions { IfMatch = e }
                : new BlobRequestConditions { IfNoneMatch = ETag.All };
            try
            {
                await blob.UploadAsync(BinaryData.FromObjectAsJson(samples.Add(duration, Keep)),
                    new BlobUploadOptions { Conditions = conditions }, cancellationToken);
                return true;
            }
            catch (RequestFailedException ex) when (ex.Status is 409 or 412)
            {
                // Another instance wrote in between: read again and retry.
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
            var (samples, _) = await ReadAsync(item.Name, cancellationToken);
            recent[Uri.UnescapeDataString(segment)] = samples.Durations;
        }

        return recent;
    }

    private async ValueTask<(DurationSamples Samples, ETag? ETag)> ReadAsync(string name, CancellationToken cancellationToken)
    {
        try
        {
            var result = await containers.Definitions.GetBlobClient(name).DownloadContentAsync(cancellationToken);
            return (result.Value.Content.ToObjectFromJson<DurationSamples>() ?? DurationSamples.Empty,
                result.Value.Details.ETag);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return (DurationSamples.Empty, null);
        }
        catch (JsonException)
        {
            return (DurationSamples.Empty, null);
        }
    }
}
