using System.Diagnostics;
using Microsoft.Data.Sqlite;

namespace Workflow.Engine.Runtime;

public sealed partial class WriteLoop
{
    private void Write(WriteContext context)
    {
        try
        {
            while (_fault is null)
            {
                _signal.Wait();
                Volatile.Write(ref _signalled, 0);
                var started = Stopwatch.GetTimestamp();
                while (_fault is null && context.Batch.Ops.Count < _maxBatch &&
                       (context.TryTakeFollowUp(out var op) || _queue.TryDequeue(out op)))
                {
                    context.Now = _time.GetUtcNow();
                    if (op.Isolated)
                    {
                        Interlocked.Add(ref _applyTicks, Stopwatch.GetTimestamp() - started);
                        ApplyIsolated(context, op);
                        started = Stopwatch.GetTimestamp();
                        continue;
                    }

                    op.Apply(context);
                    context.Batch.Ops.Add(op);
                }

                Interlocked.Add(ref _applyTicks, Stopwatch.GetTimestamp() - started);
                if (!context.Batch.IsEmpty && (!_committing || context.Batch.Ops.Count >= _maxBatch))
                {
                    HandOff(context.TakeBatch());
                }

                if (!_queue.IsEmpty || context.HasFollowUps || context.Batch.Ops.Count >= _maxBatch)
                {
                    Wake();
                }
                else if (_closed && context.Batch.IsEmpty)
                {
                    break;
                }
            }
        }
        finally
        {
            WaitIdle();
            lock (_gate)
            {
                _writerDone = true;
                Monitor.PulseAll(_gate);
            }

            _stopped.TrySetResult();
        }
    }

    /// <summary>Runs an isolated op alone in its own transaction once everything before it is durable.</summary>
    private void ApplyIsolated(WriteContext context, WriteOp op)
    {
        if (!context.Batch.IsEmpty)
        {
            HandOff(context.TakeBatch());
        }

        WaitIdle();
        if (_fault is not null)
        {
            op.Fail(new InvalidOperationException("The engine's store failed and stopped writing.", _fault));
            return;
        }

        context.BeginDirect();
        try
        {
            op.Apply(context);
            while (context.TryTakeFollowUp(out var followUp))
            {
                followUp.Apply(context);
                context.Batch.Ops.Add(followUp);
            }

            context.EndDirect(commit: true);
        }
        catch (Exception ex) when (ex is not SqliteException { SqliteErrorCode: 10 or 13 })
        {
            context.EndDirect(commit: false);
            context.TakeBatch();
            op.Fail(ex);
            Log.WriteOpFailed(_logger, op.GetType().Name, ex.Message);
            return;
        }

        var done = context.TakeBatch();
        done.Ops.Add(op);
        Finish(done);
    }

    private void HandOff(StoreBatch batch)
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

    private void WaitIdle()
    {
        lock (_gate)
        {
            while (_committing)
            {
                Monitor.Wait(_gate);
            }
        }
    }

    private void CommitLoop(WriteContext context)
    {
        while (true)
        {
            StoreBatch batch;
            lock (_gate)
            {
                while (_slot is null && !_writerDone)
                {
                    Monitor.Wait(_gate);
                }

                if (_slot is null)
                {
                    return;
                }

                batch = _slot;
                _slot = null;
            }

            var started = Stopwatch.GetTimestamp();
            var ok = Commit(context, batch);
            Interlocked.Add(ref _commitTicks, Stopwatch.GetTimestamp() - started);
            if (ok)
            {
                Finish(batch);
            }

            lock (_gate)
            {
                _committing = false;
                Monitor.PulseAll(_gate);
            }

            Wake();
        }
    }

    private bool Commit(WriteContext context, StoreBatch batch)
    {
        if (batch.Writes.Count == 0)
        {
            return true;
        }

        for (var attempt = 0; ; attempt++)
        {
            try
            {
                using var transaction = context.Connection.BeginTransaction(deferred: false);
                context.Sql.Bind(transaction);
                context.Sql.Execute(batch.Writes);
                transaction.Commit();
                return true;
            }
            catch (SqliteException ex) when (IsBusy(ex) && attempt < _busyRetries)
            {
                // Another connection (a second host on the same file, a shell) held the write lock
                // longer than the busy timeout. The transaction rolled back, so the whole batch can simply go again.
                Log.StoreBusy(_logger, attempt + 1, _busyRetries);
            }
            catch (Exception ex) when (ex is SqliteException or IOException or InvalidOperationException)
            {
                Fault(batch, ex);
                return false;
            }
        }
    }

    /// <summary>SQLITE_BUSY or SQLITE_LOCKED, including their extended codes: a lock held elsewhere, not a broken store.</summary>
    private static bool IsBusy(SqliteException ex) => (ex.SqliteErrorCode & 0xFF) is 5 or 6;

    private void Fault(StoreBatch batch, Exception ex)
    {
        _fault = ex;
        Log.StoreFailed(_logger, ex);
        foreach (var op in batch.Ops)
        {
            op.Fail(ex);
        }

        while (_queue.TryDequeue(out var pending))
        {
            pending.Fail(ex);
        }
    }

    private void Finish(StoreBatch batch)
    {
        Batches++;
        OpsApplied += batch.Ops.Count;
        foreach (var action in batch.AfterCommit)
        {
            action();
        }

        foreach (var op in batch.Ops)
        {
            op.Committed();
        }
    }
}
