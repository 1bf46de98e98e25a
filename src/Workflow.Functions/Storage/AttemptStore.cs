using System.Text.Json;
using Azure;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using Workflow.Services;

namespace Workflow.Functions.Storage;

/// <summary>
/// Attempt records and task logs in the logs container (expired by the lifecycle rule): a JSON record per attempt,
/// rewritten when the attempt ends, and an append blob per attempt for its log lines.
/// </summary>
public sealed class AttemptStore(BlobContainers containers)
{
    public async ValueTask WriteAsync(TaskAttemptRecord record, CancellationToken cancellationToken) =>
        await containers.Logs.GetBlobClient(BlobNames.AttemptRecord(record.RunId, record.TaskKey, record.Attempt))
            .UploadAsync(BinaryData.FromString(JsonSerializer.Serialize(record, StoredJson.Options)), overwrite: true,
                cancellationToken);

    public async ValueTask<IReadOnlyList<TaskAttemptRecord>> ListAsync(string runId, string? taskKey,
        CancellationToken cancellationToken)
    {
        var prefix = taskKey is null ? BlobNames.AttemptPrefix(runId) : $"{BlobNames.AttemptPrefix(runId)}{BlobNames.Segment(taskKey)}/";
        var records = new List<TaskAttemptRecord>();
        await foreach (var blob in containers.Logs.GetBlobsAsync(new GetBlobsOptions { Prefix = prefix }, cancellationToken))
        {
            if (!blob.Name.EndsWith(".json", StringComparison.Ordinal))
            {
                continue;
            }

            var content = await containers.Logs.GetBlobClient(blob.Name).DownloadContentAsync(cancellationToken);
            if (JsonSerializer.Deserialize<TaskAttemptRecord>(content.Value.Content.ToString(), StoredJson.Options) is { } r)
            {
                records.Add(r);
            }
        }

        return records.OrderBy(r => r.TaskKey, StringComparer.Ordinal).ThenBy(r => r.Attempt).ToList();
    }

    public AppendBlobClient Log(string runId, string taskKey, int attempt) =>
        containers.Logs.GetAppendBlobClient(BlobNames.AttemptLog(runId, taskKey, attempt));

    /// <summary>Reads <paramref name="range"/> of an attempt's log; null when the log does not exist.</summary>
    public async ValueTask<LogChunk?> ReadAsync(string runId, string taskKey, int attempt, LogRange range,
        bool finished, CancellationToken cancellationToken)
    {
        var blob = Log(runId, taskKey, attempt);
        try
        {
            var total = (await blob.GetPropertiesAsync(cancellationToken: cancellationToken)).Value.ContentLength;
            var length = range.ReadLengthIn(total);
            if (length == 0)
            {
                return range.Chunk(total, [], finished);
            }

            var bytes = await blob.DownloadContentAsync(
                new BlobDownloadOptions { Range = new HttpRange(range.StartIn(total), length) }, cancellationToken);
            return range.Chunk(total, bytes.Value.Content.ToMemory().Span, finished);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return null;
        }
    }
}
