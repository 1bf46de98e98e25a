using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace Workflow.Engine.Runtime;

/// <summary>How the writer tells a lock held elsewhere from a broken store, and what it does when the store broke.</summary>
internal static class StoreErrors
{
    /// <summary>SQLITE_BUSY or SQLITE_LOCKED, including their extended codes: a lock held elsewhere, not a broken store.</summary>
    public static bool IsBusy(SqliteException ex) => (ex.SqliteErrorCode & 0xFF) is 5 or 6;

    /// <summary>SQLITE_IOERR or SQLITE_FULL: the store cannot take writes; anything else an op throws is its own error.</summary>
    public static bool IsBroken(Exception ex) => ex is SqliteException { SqliteErrorCode: 10 or 13 };

    /// <summary>
    /// Stops all writing: every op of the batch, and every op waiting or posted later, fails. What is in memory
    /// may now be ahead of the store, so the engine must be restarted, and recovery starts from what is durable.
    /// </summary>
    public static void Fail(StoreBatch batch, OpInbox inbox, ILogger logger, Exception ex)
    {
        inbox.Fault(ex);
        Log.StoreFailed(logger, ex);
        foreach (var op in batch.Ops)
        {
            op.Fail(ex);
        }

        foreach (var (op, _) in batch.Rejected)
        {
            op.Fail(ex);
        }
    }
}
