namespace Workflow.Engine.Runtime;

/// <summary>
/// The hand-off between the writer thread and the commit thread: one batch at a time, and a flag that the
/// writer's connection is in use by a commit. The writer waits here for the commit to finish before it touches
/// the connection itself (to open a shared transaction) and before it hands over the next batch.
/// </summary>
internal sealed class CommitSlot
{
    private readonly object _gate = new();
    private StoreBatch? _slot;
    private volatile bool _committing;
    private bool _writerDone;

    /// <summary>A batch is being committed; the writer may keep recording, but not use the connection.</summary>
    public bool Committing => _committing;

    /// <summary>Writer thread: gives the commit thread the next batch, once the one before is committed.</summary>
    public void HandOff(StoreBatch batch)
    {
        lock (_gate)
        {
            while (_slot is not null || _committing)
            {
                Monitor.Wait(_gate);
            }

            _slot = batch;
            _committing = true;
            Monitor.PulseAll(_gate);
        }
    }

    /// <summary>Writer thread: waits until no commit uses the connection.</summary>
    public void WaitIdle()
    {
        lock (_gate)
        {
            while (_committing)
            {
                Monitor.Wait(_gate);
            }
        }
    }

    /// <summary>Writer thread: no more batches will come.</summary>
    public void WriterDone()
    {
        lock (_gate)
        {
            _writerDone = true;
            Monitor.PulseAll(_gate);
        }
    }

    /// <summary>Commit thread: the next batch, or null once the writer is done and nothing is left.</summary>
    public StoreBatch? Take()
    {
        lock (_gate)
        {
            while (_slot is null && !_writerDone)
            {
                Monitor.Wait(_gate);
            }

            var batch = _slot;
            _slot = null;
            return batch;
        }
    }

    /// <summary>Commit thread: the batch it took is committed (or failed); the connection is free.</summary>
    public void Committed()
    {
        lock (_gate)
        {
            _committing = false;
            Monitor.PulseAll(_gate);
        }
    }
}
