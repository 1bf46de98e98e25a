using Azure.Storage.Blobs.Specialized;
using Workflow.Runtime.Logs;

namespace Workflow.Functions.Storage;

/// <summary>
/// A task log as an append blob. Handlers write lines synchronously (<see cref="ITaskLog"/>); the
/// <see cref="AppendLogPump"/> gathers them into blocks within the blob's limits, and disposing flushes the rest.
/// </summary>
public sealed class BlobTaskLog : ITaskLog, IAsyncDisposable
{
    private readonly AppendLogPump pump;

    internal BlobTaskLog(AppendBlobClient blob, TimeProvider time)
    {
        pump = new AppendLogPump(async (bytes, cancellationToken) =>
        {
            using var block = new MemoryStream(bytes);
            var appended = await blob.AppendBlockAsync(block, cancellationToken: cancellationToken);
            return appended.Value.BlobCommittedBlockCount;
        }, time);
    }

    public long BytesWritten => pump.BytesWritten;

    public void WriteLine(string line) => pump.WriteLine(line);

    public ValueTask DisposeAsync() => pump.DisposeAsync();
}

/// <summary>Opens the append blob of one attempt's log.</summary>
public sealed class BlobTaskLogFactory(AttemptStore attempts, TimeProvider time)
{
    public async ValueTask<BlobTaskLog> OpenAsync(string runId, string taskKey, int attempt, CancellationToken cancellationToken)
    {
        var blob = attempts.Log(runId, taskKey, attempt);
        await blob.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        return new BlobTaskLog(blob, time);
    }
}
