using SQLitePCL;

namespace Workflow.Engine.Storage;

/// <summary>
/// One checkpoint of the database's WAL through SQLite's own call, which answers how large the WAL is and how much
/// of it is in the database now; the pragma answers the same as a row to read.
/// </summary>
/// <param name="Code">SQLite's result: OK, or BUSY when another checkpoint runs or readers or a writer held it back.</param>
/// <param name="WalPages">Pages (frames) in the WAL when the checkpoint ran.</param>
/// <param name="CopiedPages">How many of them are now copied into the database file.</param>
internal readonly record struct WalCheckpoint(int Code, int WalPages, int CopiedPages)
{
    public bool Succeeded => Code == raw.SQLITE_OK;

    /// <summary>
    /// Checkpoints <paramref name="db"/>'s main database in <paramref name="mode"/> (<c>SQLITE_CHECKPOINT_*</c>).
    /// With <paramref name="waitForLocks"/> false it does not call the connection's busy handler: a mode that needs
    /// the write lock or the readers gone answers BUSY at once instead of waiting for them.
    /// </summary>
    public static WalCheckpoint Run(sqlite3 db, int mode, bool waitForLocks, int busyTimeoutMs)
    {
        if (!waitForLocks)
        {
            raw.sqlite3_busy_timeout(db, 0);
        }

        try
        {
            var code = raw.sqlite3_wal_checkpoint_v2(db, "main", mode, out var walPages, out var copiedPages);
            return new WalCheckpoint(code, walPages, copiedPages);
        }
        finally
        {
            if (!waitForLocks)
            {
                raw.sqlite3_busy_timeout(db, busyTimeoutMs);
            }
        }
    }
}
