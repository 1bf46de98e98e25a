using Microsoft.Data.Sqlite;

namespace Workflow.Engine.Scheduling;

/// <summary>
/// Watermarks (Unix milliseconds) in the engine's <c>schedule_watermarks</c> table, which the engine's schema creates;
/// the store creates the same table itself when it runs on a file the engine has not opened yet. Each advance is one conditional UPDATE (or
/// INSERT OR IGNORE for the first), so of two hosts that race, exactly one moves the watermark.
/// </summary>
public sealed class SqliteWatermarkStore : IWatermarkStore
{
    private const string Schema =
        "CREATE TABLE IF NOT EXISTS schedule_watermarks (pipeline_id TEXT NOT NULL, schedule_key TEXT NOT NULL, " +
        "watermark INTEGER NOT NULL, PRIMARY KEY (pipeline_id, schedule_key)) WITHOUT ROWID;";

    private readonly string _connectionString;
    private volatile bool _created;

    public SqliteWatermarkStore(string databasePath)
    {
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = databasePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
    }

    public async ValueTask<IReadOnlyDictionary<(string PipelineId, string ScheduleKey), DateTimeOffset>> LoadAsync(
        CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT pipeline_id, schedule_key, watermark FROM schedule_watermarks;";
        var result = new Dictionary<(string, string), DateTimeOffset>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            result[(reader.GetString(0), reader.GetString(1))] =
                DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(2));
        }

        return result;
    }

    public async ValueTask<bool> TryAdvanceAsync(string pipelineId, string scheduleKey, DateTimeOffset? expected,
        DateTimeOffset next, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = expected is null
            ? "INSERT OR IGNORE INTO schedule_watermarks (pipeline_id, schedule_key, watermark) VALUES ($p, $k, $n);"
            : "UPDATE schedule_watermarks SET watermark = $n " +
              "WHERE pipeline_id = $p AND schedule_key = $k AND watermark = $e;";
        command.Parameters.AddWithValue("$p", pipelineId);
        command.Parameters.AddWithValue("$k", scheduleKey);
        command.Parameters.AddWithValue("$n", next.ToUnixTimeMilliseconds());
        command.Parameters.AddWithValue("$e", expected?.ToUnixTimeMilliseconds() ?? 0);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    private async ValueTask<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = _created ? "PRAGMA busy_timeout = 10000;" : "PRAGMA busy_timeout = 10000; " + Schema;
        await command.ExecuteNonQueryAsync(cancellationToken);
        _created = true;
        return connection;
    }
}
