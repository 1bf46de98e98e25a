using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace Workflow.Engine.Runtime;

/// <summary>
/// The writer thread: takes ops from the inbox and applies them into the current batch, handing a batch to the
/// commit thread whenever that thread is free (or the batch is full). Plain ops (completions, timers) only record
/// their row changes, so the writer goes on while the previous batch commits. An isolated op (an API write) needs
/// the connection: the writer waits for the commit in progress, opens the batch's shared transaction, and applies
/// the op inside a savepoint, so a user error undoes only that op; the ops that came with it share the commit.
/// </summary>
internal sealed class BatchWriter(OpInbox inbox, CommitSlot slot, WriteStats stats, ILogger logger, int maxBatch,
    int busyRetries, TimeProvider time)
{
    public void Run(WriteContext context)
    {
        try
        {
            while (!inbox.Faulted)
            {
                inbox.WaitForWork();
                ApplyWaiting(context);
                if (!context.Batch.IsEmpty && (!slot.Committing || context.Batch.Ops.Count >= maxBatch))
                {
                    slot.HandOff(context.TakeBatch());
                }

                if (!inbox.IsEmpty || context.HasFollowUps || context.Batch.Ops.Count >= maxBatch)
                {
                    inbox.Wake();
                }
                else if (inbox.Closed && context.Batch.IsEmpty)
                {
                    break;
                }
            }
        }
        finally
        {
            slot.WaitIdle();
            slot.WriterDone();
        }
    }

    private void ApplyWaiting(WriteContext context)
    {
        var started = Stopwatch.GetTimestamp();
        while (!inbox.Faulted && context.Batch.Ops.Count < maxBatch &&
               (context.TryTakeFollowUp(out var op) || inbox.TryTake(out op)))
        {
            context.Now = time.GetUtcNow();
            if (!op.Isolated)
            {
                op.Apply(context);
                context.Batch.Ops.Add(op);
            }
            else if (context.Direct || OpenTransaction(context, op))
            {
                ApplyIsolated(context, op);
            }
        }

        stats.Applied(started);
    }

    /// <summary>Switches the batch to its shared transaction once no commit uses the connection.</summary>
    private bool OpenTransaction(WriteContext context, WriteOp first)
    {
        slot.WaitIdle();
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                context.OpenTransaction();
                return true;
            }
            catch (SqliteException ex) when (StoreErrors.IsBusy(ex) && attempt < busyRetries)
            {
                Log.StoreBusy(logger, attempt + 1, busyRetries);
            }
            catch (Exception ex) when (ex is SqliteException or IOException or InvalidOperationException)
            {
                first.Fail(OpInbox.Stopped(ex));
                Fault(context, ex);
                return false;
            }
        }
    }

    private void ApplyIsolated(WriteContext context, WriteOp op)
    {
        var mark = context.BeginOp();
        try
        {
            op.Apply(context);
            context.EndOp();
            context.Batch.Ops.Add(op);
        }
        catch (Exception ex) when (!StoreErrors.IsBroken(ex))
        {
            context.UndoOp(mark);
            context.Batch.Rejected.Add((op, ex));
            Log.WriteOpFailed(logger, op.GetType().Name, ex.Message);
        }
        catch (Exception ex) when (ex is SqliteException)
        {
            op.Fail(ex);
            Fault(context, ex);
        }
    }

    /// <summary>The store broke under the writer: nothing of the open batch is committed, and the writer stops.</summary>
    private void Fault(WriteContext context, Exception ex)
    {
        var batch = context.TakeBatch();
        if (batch.Transaction is { } transaction)
        {
            try
            {
                transaction.Rollback();
            }
            catch (SqliteException)
            {
                // The connection is already unusable; the fault below stops every write.
            }

            transaction.Dispose();
        }

        StoreErrors.Fail(batch, inbox, logger, ex);
    }
}
