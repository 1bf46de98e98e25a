using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Workflow.Engine.Storage;

/// <summary>
/// The transaction the commit thread carries a recorded batch out in: <c>BEGIN IMMEDIATE</c>, <c>COMMIT</c> and
/// <c>ROLLBACK</c> prepared once on the writer's connection. Through ADO.NET each batch's <c>BeginTransaction</c>
/// and <c>Commit</c> created, parsed and finalized a statement; with batches of tens of tasks that cost was paid
/// every few tasks. Microsoft.Data.Sqlite does not know of this transaction, so a command run inside it sets no
/// <c>Transaction</c>.
/// </summary>
internal sealed class RawTransaction : IDisposable
{
    private readonly sqlite3 _db;
    private readonly PreparedStatement _begin;
    private readonly PreparedStatement _commit;
    private readonly PreparedStatement _rollback;

    public RawTransaction(SqliteConnection connection)
    {
        _db = connection.Handle ?? throw new InvalidOperationException("The connection is not open.");
        _begin = new PreparedStatement(connection, "BEGIN IMMEDIATE;", 0);
        _commit = new PreparedStatement(connection, "COMMIT;", 0);
        _rollback = new PreparedStatement(connection, "ROLLBACK;", 0);
    }

    /// <summary>Takes the write lock; SQLITE_BUSY (another connection holds it) leaves no transaction open.</summary>
    public void Begin() => _begin.Execute([]);

    public void Commit() => _commit.Execute([]);

    /// <summary>
    /// Rolls back what a failed batch left open; nothing when no transaction is open (BEGIN failed, or SQLite
    /// already rolled the transaction back on an I/O error).
    /// </summary>
    public void RollbackIfOpen()
    {
        if (raw.sqlite3_get_autocommit(_db) == 0)
        {
            _rollback.Execute([]);
        }
    }

    public void Dispose()
    {
        _begin.Dispose();
        _commit.Dispose();
        _rollback.Dispose();
    }
}
