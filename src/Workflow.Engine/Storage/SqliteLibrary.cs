using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Workflow.Engine.Storage;

/// <summary>
/// Process-wide settings of the SQLite library, applied once before the engine's first connection. The bundled
/// library keeps memory statistics by default, so every allocation and free inside SQLite takes a global mutex;
/// a durable task's statements allocate dozens of times (bound text, records, cursors). Nothing here reads those
/// statistics (<c>sqlite3_memory_used</c>, a soft heap limit), so they are turned off. SQLite accepts the setting
/// only before it initializes: when some other code in the process opened a connection first, it stays as it was,
/// which changes the cost and nothing else.
/// </summary>
internal static class SqliteLibrary
{
    private const int ConfigMemoryStatistics = 9; // SQLITE_CONFIG_MEMSTATUS
    private const int LookasideSlotSize = 1200;
    private const int WriterLookasideSlots = 2000;

    private static readonly Lazy<bool> Configured = new(Configure);

    /// <summary>True when the statistics are off (this call or an earlier one turned them off).</summary>
    public static bool EnsureConfigured() => Configured.Value;

    /// <summary>
    /// Gives the writer's connection a lookaside of its own large enough for its hot path. SQLite serves a
    /// connection's small allocations (records, bound text, cursors) from a per-connection lookaside of 1,200-byte
    /// slots, but by default it has only as many as a small connection needs, and the writer's prepared statements,
    /// which live as long as the connection, keep them all: nearly every allocation of a durable task's statements
    /// then went to malloc (about 60 per task on the commit thread). 2,000 slots cost 2.4 MB on this one connection.
    /// Only possible while the connection holds no lookaside memory, so right after it opens; otherwise it keeps the
    /// default.
    /// </summary>
    public static void WidenLookaside(SqliteConnection connection)
    {
        var db = connection.Handle ?? throw new InvalidOperationException("The connection is not open.");
        _ = raw.sqlite3_db_config(db, raw.SQLITE_DBCONFIG_LOOKASIDE, IntPtr.Zero, LookasideSlotSize,
            WriterLookasideSlots);
    }

    private static bool Configure()
    {
        Batteries_V2.Init();
        return raw.sqlite3_config(ConfigMemoryStatistics, 0) == raw.SQLITE_OK;
    }
}
