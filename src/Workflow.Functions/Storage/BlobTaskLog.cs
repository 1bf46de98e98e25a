using System.Text;
using System.Threading.Channels;
using Azure.Storage.Blobs.Specialized;
using Workflow.Engine.Logs;

namespace Workflow.Functions.Storage;

/// <summary>
/// A task log as an append blob. Handlers write lines synchronously (<see cref="ITaskLog"/>); a background loop
/// appends them in blocks, and disposing flushes what is left.
/// </summary>
public sealed class BlobTaskLog : ITaskLog, IAsyncDisposable
{
    private readonly AppendBlobClient blob;
    private readonly Channel<string> lines = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task pump;
    private long written;

    internal BlobTaskLog(AppendBlobClient blob)
    {
        this.blob = blob;
        pump = PumpAsync();
    }

    public long BytesWritten => Interlocked.Read(ref written);

    public void WriteLine(string line)
    {
        Interlocked.Add(ref written, Encoding.UTF8.GetByteCount(line) + 1);
        lines.Writer.TryWrite(line);
    }

    public async ValueTask DisposeAsync()
    {
        lines.Writer.TryComplete();
        await pump;
    }

    private async Task PumpAsync()
    {
        var buffer = new StringBuilder();
        while (await lines.Reader.WaitToReadAsync())
        {
            while (buffer.Length < 1 << 20 && lines.Reader.TryRead(out var line))
            {
                buffer.Append(line).Append('\n');
            }

            using var block = new MemoryStream(Encoding.UTF8.GetBytes(buffer.ToString()));
            await blob.AppendBlockAsync(block);
            buffer.Clear();
        }
    }
}

/// <summary>Opens the append blob of one attempt's log.</summary>
public sealed class BlobTaskLogFactory(AttemptStore attempts)
{
    public async ValueTask<BlobTaskLog> OpenAsync(string runId, string taskKey, int attempt, CancellationToken cancellationToken)
    {
        var blob = attempts.Log(runId, taskKey, attempt);
        await blob.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        return new BlobTaskLog(blob);
    }
}
