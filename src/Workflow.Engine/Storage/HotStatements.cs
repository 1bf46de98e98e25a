using Microsoft.Data.Sqlite;

namespace Workflow.Engine.Storage;

/// <summary>
/// The prepared statements of the hot path: one per kind of row change a task causes. Preparing them once and
/// re-binding parameters keeps a completion to a few microseconds of SQLite work inside a group commit.
/// When the engine runs non-durably (the benchmark's ceiling) they do nothing.
/// </summary>
internal sealed class HotStatements : IDisposable
{
    private readonly List<SqliteCommand> _all = [];
    private readonly bool _durable;
    private readonly SqliteConnection _connection;
    private SqliteTransaction? _transaction;
    private List<StoreWrite>? _buffer;
    private readonly SqliteCommand _insertAttempt;
    private readonly SqliteCommand _markStarted;
    private readonly SqliteCommand _finishAttempt;
    private readonly SqliteCommand _suspendAttempt;
    private readonly SqliteCommand _insertEvent;
    private readonly SqliteCommand _insertDuration;
    private readonly SqliteCommand _insertTimer;
    private readonly SqliteCommand _deleteTimer;
    private readonly SqliteCommand _upsertSnapshot;

    public HotStatements(SqliteConnection connection, bool durable)
    {
        _durable = durable;
        _connection = connection;
        _insertAttempt = Create(connection, """
            INSERT INTO task_attempts (run_id, task_key, attempt, task_id, kind, pool, priority, rank, status, config,
                input, timeout_ms, idempotency_key, queued_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'queued', $9, $10, $11, $12, $13)
            ON CONFLICT DO NOTHING;
            """, 13);
        _markStarted = Create(connection, """
            UPDATE task_attempts SET status = 'running', started_at = coalesce(started_at, $4), lease_expires_at = $5,
                deliveries = $6
            WHERE run_id = $1 AND task_key = $2 AND attempt = $3 AND status IN ('queued', 'running');
            """, 6);
        _finishAttempt = Create(connection, """
            UPDATE task_attempts SET status = $4, finished_at = $5, error_kind = $6, error = $7, output = $8,
                log_bytes = $9, started_at = coalesce(started_at, $10), deliveries = max(deliveries, $11),
                lease_expires_at = NULL, resume_state = NULL
            WHERE run_id = $1 AND task_key = $2 AND attempt = $3;
            """, 11);
        _suspendAttempt = Create(connection, """
            UPDATE task_attempts SET status = 'queued', available_at = $4, resume_state = $5, lease_expires_at = NULL,
                log_bytes = $6
            WHERE run_id = $1 AND task_key = $2 AND attempt = $3;
            """, 6);
        _insertEvent = Create(connection,
            "INSERT INTO run_events (run_id, seq, type, at, body) VALUES ($1, $2, $3, $4, $5);", 5);
        _insertDuration = Create(connection, """
            INSERT INTO task_durations (pipeline_id, task_id, run_id, attempt, finished_at, duration_ms)
            VALUES ($1, $2, $3, $4, $5, $6);
            """, 6);
        _insertTimer = Create(connection, """
            INSERT OR REPLACE INTO timers (run_id, timer_id, due_at, purpose, task_key) VALUES ($1, $2, $3, $4, $5);
            """, 5);
        _deleteTimer = Create(connection, "DELETE FROM timers WHERE run_id = $1 AND timer_id = $2;", 2);
        _upsertSnapshot = Create(connection,
            "INSERT OR REPLACE INTO run_snapshots (run_id, seq, state) VALUES ($1, $2, $3);", 3);
    }

    public void Bind(SqliteTransaction? transaction)
    {
        _transaction = transaction;
        foreach (var command in _all)
        {
            command.Transaction = transaction;
        }
    }

    public void InsertAttempt(string runId, string taskKey, int attempt, string taskId, string kind, string pool,
        int priority, double rank, string? config, string? input, long? timeoutMs, string key, long queuedAt) =>
        Run(_insertAttempt, runId, taskKey, attempt, taskId, kind, pool, priority, rank, config, input, timeoutMs, key,
            queuedAt);

    public void MarkStarted(string runId, string taskKey, int attempt, long startedAt, long leaseExpiresAt,
        int deliveries) =>
        Run(_markStarted, runId, taskKey, attempt, startedAt, leaseExpiresAt, deliveries);

    public void FinishAttempt(string runId, string taskKey, int attempt, string status, long finishedAt,
        string? errorKind, string? error, string? output, long logBytes, long? startedAt = null, int deliveries = 0) =>
        Run(_finishAttempt, runId, taskKey, attempt, status, finishedAt, errorKind, error, output, logBytes, startedAt,
            deliveries);

    public void SuspendAttempt(string runId, string taskKey, int attempt, long availableAt, string state, long logBytes) =>
        Run(_suspendAttempt, runId, taskKey, attempt, availableAt, state, logBytes);

    public void InsertEvent(string runId, long seq, string type, long at, string body) =>
        Run(_insertEvent, runId, seq, type, at, body);

    public void InsertDuration(string pipelineId, string taskId, string runId, int attempt, long finishedAt, long ms) =>
        Run(_insertDuration, pipelineId, taskId, runId, attempt, finishedAt, ms);

    public void InsertTimer(string runId, string timerId, long dueAt, string purpose, string? taskKey) =>
        Run(_insertTimer, runId, timerId, dueAt, purpose, taskKey);

    public void DeleteTimer(string runId, string timerId) => Run(_deleteTimer, runId, timerId);

    public void UpsertSnapshot(string runId, long seq, string state) => Run(_upsertSnapshot, runId, seq, state);

    public void Dispose()
    {
        foreach (var command in _all)
        {
            command.Dispose();
        }
    }

    /// <summary>While set, writes are recorded for the commit thread instead of executed at once.</summary>
    public void RecordInto(List<StoreWrite>? buffer) => _buffer = buffer;

    /// <summary>An ad hoc write (run rows, timer cleanup); written even when the engine is not durable.</summary>
    public void Write(string sql, params ReadOnlySpan<object?> values)
    {
        if (_buffer is not null)
        {
            _buffer.Add(new StoreWrite(null, sql, values.ToArray()));
            return;
        }

        Execute(new StoreWrite(null, sql, values.ToArray()));
    }

    /// <summary>Carries out recorded writes inside the transaction last given to <see cref="Bind"/>.</summary>
    public void Execute(List<StoreWrite> writes)
    {
        foreach (var write in writes)
        {
            Execute(write);
        }
    }

    private void Execute(StoreWrite write)
    {
        if (write.Prepared is { } prepared)
        {
            Execute(prepared, write.Values);
            return;
        }

        using var command = _connection.CreateCommand();
        command.Transaction = _transaction;
        command.CommandText = write.Sql;
        for (var i = 0; i < write.Values.Length; i++)
        {
            command.Parameters.AddWithValue("$" + (i + 1), write.Values[i] ?? DBNull.Value);
        }

        command.ExecuteNonQuery();
    }

    private void Run(SqliteCommand command, params ReadOnlySpan<object?> values)
    {
        if (!_durable)
        {
            return;
        }

        if (_buffer is not null)
        {
            _buffer.Add(new StoreWrite(command, null, values.ToArray()));
            return;
        }

        Execute(command, values);
    }

    private static void Execute(SqliteCommand command, ReadOnlySpan<object?> values)
    {
        var parameters = command.Parameters;
        for (var i = 0; i < values.Length; i++)
        {
            parameters[i].Value = values[i] ?? DBNull.Value;
        }

        command.ExecuteNonQuery();
    }

    private SqliteCommand Create(SqliteConnection connection, string sql, int parameterCount)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        for (var i = 1; i <= parameterCount; i++)
        {
            command.Parameters.Add(new SqliteParameter("$" + i, null));
        }

        _all.Add(command);
        return command;
    }
}
