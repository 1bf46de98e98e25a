using System.Collections.Concurrent;

namespace Workflow.Engine.Runtime;

/// <summary>
/// The ops waiting for the writer thread, and whether it still takes any: a closed inbox (the engine stopping)
/// still hands out what it holds, a faulted one (the store failed) fails everything posted to it.
/// </summary>
internal sealed class OpInbox
{
    private readonly ConcurrentQueue<WriteOp> _queue = new();
    private readonly SemaphoreSlim _signal = new(0);
    private int _signalled;
    private volatile bool _closed;
    private volatile Exception? _fault;

    public bool Closed => _closed;

    public bool Faulted => _fault is not null;

    public bool IsEmpty => _queue.IsEmpty;

    public void Post(WriteOp op)
    {
        if (_fault is { } fault)
        {
            op.Fail(Stopped(fault));
            return;
        }

        if (_closed)
        {
            op.Fail(new InvalidOperationException("The engine is stopping and accepts no more work."));
            return;
        }

        _queue.Enqueue(op);
        Wake();
    }

    public bool TryTake(out WriteOp op) => _queue.TryDequeue(out op!);

    /// <summary>Blocks the writer thread until something was posted (or the inbox closed) since it last woke.</summary>
    public void WaitForWork()
    {
        _signal.Wait();
        Volatile.Write(ref _signalled, 0);
    }

    public void Wake()
    {
        if (Interlocked.Exchange(ref _signalled, 1) == 0)
        {
            _signal.Release();
        }
    }

    public void Close()
    {
        _closed = true;
        _signal.Release();
    }

    /// <summary>The store failed: fails every op waiting, and every op posted from now on.</summary>
    public void Fault(Exception fault)
    {
        _fault = fault;
        while (_queue.TryDequeue(out var pending))
        {
            pending.Fail(fault);
        }
    }

    /// <summary>The error an op gets when it comes to a writer that stopped because the store failed.</summary>
    public static InvalidOperationException Stopped(Exception fault) =>
        new("The engine's store failed and stopped writing.", fault);
}
