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

    public SqliteStore(IOptions<EngineOptions> options)
    {
        DataDirectory = Path.GetFullPath(options.Value.DataDirectory);
        Directory.CreateDirectory(DataDirectory);
        DatabasePath = Path.Combine(DataDirectory, "workflow.db");
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = DatabasePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
    }

    public string DataDirectory { get; }

    public string DatabasePath { get; }

    /// <summary>A connection for reads. WAL lets it see the last committed state while the writer works.</summary>
    public async ValueTask<SqliteConnection> OpenReadConnectionAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
        await ExecuteAsync(connection, "PRAGMA busy_timeout = 10000;", cancellationToken);
        return connection;
    }

    /// <summary>The writer's connection: WAL, and <c>synchronous=FULL</c> so a commit survives power loss.</summary>
    internal async ValueTask<SqliteConnection> OpenWriteConnectionAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
        await ExecuteAsync(connection,
            "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA busy_timeout = 10000; " +
            "PRAGMA temp_store = MEMORY; PRAGMA cache_size = -65536; PRAGMA wal_autocheckpoint = 20000;", cancellationToken);
        return connection;
    }

    internal static async ValueTask ExecuteAsync(SqliteConnection connection, string sql,
        CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
