using System.Text;
using System.Threading.Channels;

namespace Workflow.Functions.Storage;

/// <summary>
/// Turns log lines written one by one into appends to a store with a block limit (an Azure append blob holds at
/// most 50,000 blocks of up to 4 MiB). Lines are gathered for <see cref="AppendLogLimits.GatherWindow"/> after the
/// first one arrives, so a slow trickle costs one block per window, not one per line; when the store nears its
/// block limit a last block says the log was cut, and later lines are counted but dropped instead of failing the
/// task. Writers never wait: <see cref="WriteLine"/> only queues.
/// </summary>
public sealed class AppendLogPump : IAsyncDisposable
{
    private readonly Func<byte[], CancellationToken, Task<int>> _append;
    private readonly TimeProvider _time;
    private readonly AppendLogLimits _limits;
    private readonly Channel<string> _lines = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _pump;
    private readonly TaskCompletionSource _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _written;
    private long _queuedBytes;

    /// <param name="append">Appends one block and returns how many blocks the store now holds.</param>
    /// <param name="time">Times the gather window.</param>
    /// <param name="limits">Block size, block count and gather window; the Azure append blob's when null.</param>
    public AppendLogPump(Func<byte[], CancellationToken, Task<int>> append, TimeProvider time, AppendLogLimits? limits = null)
    {
        _append = append;
        _time = time;
        _limits = limits ?? new AppendLogLimits();
        _pump = Task.Run(PumpAsync);
    }

    public long BytesWritten => Interlocked.Read(ref _written);

    /// <summary>Set once the block limit was reached and lines started to be dropped.</summary>
    public bool Truncated { get; private set; }

    /// <summary>
    /// The append that failed, after which lines are dropped: a log the store refuses must not cost the task its
    /// result, so <see cref="DisposeAsync"/> never throws it.
    /// </summary>
    public Exception? Failure { get; private set; }

    public void WriteLine(string line)
    {
        if (line.Length > _limits.MaxLineChars)
        {
            line = string.Concat(line.AsSpan(0, _limits.MaxLineChars), " [line cut]");
        }

        var bytes = Encoding.UTF8.GetByteCount(line) + 1;
        Interlocked.Add(ref _written, bytes);
        Interlocked.Add(ref _queuedBytes, bytes);
        _lines.Writer.TryWrite(line);
    }

    /// <summary>Flushes what is queued and waits for the last append.</summary>
    public async ValueTask DisposeAsync()
    {
        _lines.Writer.TryComplete();
        _closed.TrySetResult();
        await _pump;
    }

    private async Task PumpAsync()
    {
        var reader = _lines.Reader;
        var block = new StringBuilder();
        while (await reader.WaitToReadAsync())
        {
            // Gather only while less than a block is queued; a backlog is appended at once. The reader's own
            // completion waits for the queue to drain, so the end of writing is signalled apart.
            if (!_closed.Task.IsCompleted && Interlocked.Read(ref _queuedBytes) < _limits.MaxBlockBytes)
            {
                using var gather = new CancellationTokenSource();
                var window = Task.Delay(_limits.GatherWindow, _time, gather.Token);
                await Task.WhenAny(window, _closed.Task);
                await gather.CancelAsync();
            }

            var bytes = 0;
            while (bytes < _limits.MaxBlockBytes && reader.TryRead(out var line))
            {
                var lineBytes = Encoding.UTF8.GetByteCount(line) + 1;
                block.Append(line).Append('\n');
                bytes += lineBytes;
                Interlocked.Add(ref _queuedBytes, -lineBytes);
            }

            try
            {
                var blocks = await _append(Encoding.UTF8.GetBytes(block.ToString()), CancellationToken.None);
                block.Clear();
                if (blocks >= _limits.MaxBlocks - 1)
                {
                    await _append(Encoding.UTF8.GetBytes(
                        $"[log cut: the store holds at most {_limits.MaxBlocks} blocks; later lines were dropped]\n"),
                        CancellationToken.None);
                    Truncated = true;
                    await DropTheRestAsync(reader);
                }
            }
            catch (Exception ex)
            {
                Failure = ex;
                await DropTheRestAsync(reader);
            }
        }
    }

    private static async Task DropTheRestAsync(ChannelReader<string> reader)
    {
        while (await reader.WaitToReadAsync())
        {
            while (reader.TryRead(out _))
            {
            }
        }
    }
}
