using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Workflow.Engine.Storage;

namespace Workflow.Engine.Runtime;

/// <summary>
/// The commit thread: makes each batch the writer hands over durable (one transaction, one fsync), then runs its
/// after-commit actions and answers its ops' callers. A recorded batch is carried out in a transaction of its own,
/// retried whole while another connection holds the write lock; a batch the writer already applied in its shared
/// transaction only has to be committed.
/// </summary>
internal sealed class BatchCommitter(OpInbox inbox, CommitSlot slot, WriteStats stats, ILogger logger, int busyRetries)
{
    public void Run(WriteContext context)
    {
        while (slot.Take() is { } batch)
        {
            var started = Stopwatch.GetTimestamp();
            var ok = batch.Transaction is { } open ? CommitOpen(open, batch) : CommitRecorded(context, batch);
            // Counted into the commit's time: past the WAL's limit, this checkpoints on this thread.
            context.Engine.Checkpoints.Committed(context.Connection);
            stats.Committing(started);
            if (ok)
            {
                Finish(batch);
            }

            slot.Committed();
            inbox.Wake();
        }
    }

    private bool CommitOpen(SqliteTransaction transaction, StoreBatch batch)
    {
        try
        {
            transaction.Commit();
            return true;
        }
        catch (Exception ex) when (ex is SqliteException or IOException or InvalidOperationException)
        {
            StoreErrors.Fail(batch, inbox, logger, ex);
            return false;
        }
        finally
        {
            transaction.Dispose();
        }
    }

    private bool CommitRecorded(WriteContext context, StoreBatch batch)
    {
        if (batch.Writes.Count == 0)
        {
            return true;
        }

        for (var attempt = 0; ; attempt++)
        {
            var sql = context.Sql;
            try
            {
                sql.Transaction.Begin();
                sql.Bind(null);
                sql.Execute(batch.Writes);
                sql.Transaction.Commit();
                return true;
            }
            catch (Exception ex)
            {
                // Whatever failed, the batch's transaction is not left open behind it.
                RollBack(sql);
                if (ex is SqliteException busy && StoreErrors.IsBusy(busy) && attempt < busyRetries)
                {
                    // Another connection (a second host on the same file, a shell) held the write lock longer than
                    // the busy timeout. Rolled back, the whole batch can simply go again.
                    Log.StoreBusy(logger, attempt + 1, busyRetries);
                    continue;
                }

                if (ex is SqliteException or IOException or InvalidOperationException)
                {
                    StoreErrors.Fail(batch, inbox, logger, ex);
                    return false;
                }

                throw; // anything else stops the writer
            }
        }
    }

    private static void RollBack(HotStatements sql)
    {
        try
        {
            sql.Transaction.RollbackIfOpen();
        }
        catch (SqliteException)
        {
            // The connection is already unusable; the writer stops on the error that brought us here.
        }
    }

    private void Finish(StoreBatch batch)
    {
        stats.Finished(batch.Ops.Count);
        foreach (var action in batch.AfterCommit)
        {
            action();
        }

        foreach (var op in batch.Ops)
        {
            op.Committed();
        }

        foreach (var (op, error) in batch.Rejected)
        {
            op.Fail(error);
        }
    }
}
