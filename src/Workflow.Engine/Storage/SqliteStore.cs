using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace Workflow.Engine.Storage;

/// <summary>
/// The engine's SQLite file in WAL mode. Readers (API queries, the scheduler, alert checks) open their own pooled
/// connections and never block the single writer; every write goes through the engine's group-commit loop or,
/// for other parts of the product, through <see cref="Runtime.WriteLoop.ExecuteAsync{T}"/>.
/// </summary>
public sealed class SqliteStore
{
    private readonly string _connectionString;
    private readonly string _busyPragma;

    public SqliteStore(IOptions<EngineOptions> options)
    {
        SqliteLibrary.EnsureConfigured();
        DataDirectory = Path.GetFullPath(options.Value.DataDirectory);
        Directory.CreateDirectory(DataDirectory);
        DatabasePath = Path.Combine(DataDirectory, "workflow.db");
        var busy = options.Value.StoreBusyTimeout;
        BusyTimeout = busy > TimeSpan.Zero ? busy : TimeSpan.FromSeconds(10);
        _busyPragma = $"PRAGMA busy_timeout = {(long)BusyTimeout.TotalMilliseconds};";
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = DatabasePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            DefaultTimeout = Math.Max(1, (int)Math.Ceiling(BusyTimeout.TotalSeconds)),
        }.ToString();
    }

    public string DataDirectory { get; }

    public string DatabasePath { get; }

    /// <summary>How long a connection of this store waits on another connection's lock before SQLITE_BUSY.</summary>
    public TimeSpan BusyTimeout { get; }

    /// <summary>A connection for reads. WAL lets it see the last committed state while the writer works.</summary>
    public async ValueTask<SqliteConnection> OpenReadConnectionAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
        await ExecuteAsync(connection, _busyPragma, cancellationToken);
        return connection;
    }

    /// <summary>
    /// The writer's connection: WAL, and <c>synchronous=FULL</c> so a commit survives power loss. With
    /// <paramref name="autoCheckpoint"/> false its commits never checkpoint (the <see cref="WalCheckpointer"/> does);
    /// true keeps SQLite's auto-checkpoint, run by the commit that takes the WAL past 20,000 pages. The read
    /// connections keep SQLite's default: a connection that commits no write never checkpoints by itself.
    /// </summary>
    internal async ValueTask<SqliteConnection> OpenWriteConnectionAsync(bool autoCheckpoint,
        CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
        SqliteLibrary.WidenLookaside(connection);
        await ExecuteAsync(connection,
            "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; " + _busyPragma + " " +
            "PRAGMA temp_store = MEMORY; PRAGMA cache_size = -65536; " +
            $"PRAGMA wal_autocheckpoint = {(autoCheckpoint ? 20000 : 0)};", cancellationToken);
        return connection;
    }

    /// <summary>A command for <paramref name="sql"/> on <paramref name="connection"/>, in <paramref name="transaction"/> (or none).</summary>
    internal static SqliteCommand Command(SqliteConnection connection, SqliteTransaction? transaction, string sql)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command;
    }

    internal static async ValueTask ExecuteAsync(SqliteConnection connection, string sql,
        CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
