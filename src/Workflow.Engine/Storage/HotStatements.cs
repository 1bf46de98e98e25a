using System.Text;
using Microsoft.Data.Sqlite;
using Workflow.Execution;

namespace Workflow.Engine.Storage;

/// <summary>
/// The prepared statements of the hot path: one per kind of row change a task causes, prepared once on the
/// writer's connection and bound by ordinal (<see cref="PreparedStatement"/>). The writer thread records each
/// write with its values already encoded (text as UTF-8), so the commit thread only binds and steps.
/// When the engine runs non-durably (the benchmark's ceiling) they do nothing.
/// </summary>
internal sealed class HotStatements : IDisposable
{
    private const int MaxNames = 512;
    private readonly List<PreparedStatement> _all = [];
    private readonly bool _durable;
    private readonly SqliteConnection _connection;
    private SqliteTransaction? _transaction;
    private List<StoreWrite>? _buffer;
    private string? _lastRunId;
    private byte[] _lastRunIdUtf8 = [];
    private readonly Dictionary<string, byte[]> _names = new(StringComparer.Ordinal);
    private readonly PreparedStatement _insertAttempt;
    private readonly PreparedStatement _markStarted;
    private readonly PreparedStatement _finishAttempt;
    private readonly PreparedStatement _suspendAttempt;
    private readonly PreparedStatement _insertEvent;
    private readonly PreparedStatement _recordDurations;
    private readonly PreparedStatement _trimDurations;
    private readonly PreparedStatement _insertTimer;
    private readonly PreparedStatement _deleteTimer;
    private readonly PreparedStatement _upsertSnapshot;
    private readonly PreparedStatement _markSnapshotDue;
    private readonly PreparedStatement _unmarkSnapshotDue;

    public HotStatements(SqliteConnection connection, bool durable)
    {
        _durable = durable;
        _connection = connection;
        _insertAttempt = Create("""
            INSERT INTO task_attempts (run_id, task_key, attempt, task_id, kind, pool, priority, rank, status, config,
                input, timeout_ms, queued_at)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, 'queued', ?9, ?10, ?11, ?12)
            ON CONFLICT DO NOTHING;
            """, 12);
        _markStarted = Create("""
            UPDATE task_attempts SET status = 'running', started_at = coalesce(started_at, ?4), lease_expires_at = ?5,
                deliveries = ?6
            WHERE run_id = ?1 AND task_key = ?2 AND attempt = ?3 AND status IN ('queued', 'running');
            """, 6);
        _finishAttempt = Create("""
            UPDATE task_attempts SET status = ?4, finished_at = ?5, error_kind = ?6, error = ?7, output = ?8,
                log_bytes = ?9, started_at = coalesce(started_at, ?10), deliveries = max(deliveries, ?11),
                lease_expires_at = NULL, resume_state = NULL, duration_ms = ?12
            WHERE run_id = ?1 AND task_key = ?2 AND attempt = ?3;
            """, 12);
        _suspendAttempt = Create("""
            UPDATE task_attempts SET status = 'queued', available_at = ?4, resume_state = ?5, lease_expires_at = NULL,
                log_bytes = ?6
            WHERE run_id = ?1 AND task_key = ?2 AND attempt = ?3;
            """, 6);
        _insertEvent = Create(
            "INSERT INTO run_events (run_id, seq, type, at, body) VALUES (?1, ?2, ?3, ?4, ?5);", 5);
        _recordDurations = Create("""
            INSERT INTO task_durations (pipeline_id, task_id, run_id, attempt, finished_at, duration_ms)
            SELECT ?1, task_id, run_id, attempt, finished_at, duration_ms FROM task_attempts
            WHERE run_id = ?2 AND duration_ms IS NOT NULL
            ORDER BY task_id, finished_at DESC;
            """, 2);
        // Each of the run's tasks walks its own index entries, newest first, past the window: the work is the run's
        // tasks times the window, whatever the history of other pipelines holds.
        _trimDurations = Create("""
            DELETE FROM task_durations WHERE rowid IN (
                SELECT old.rowid
                FROM (SELECT DISTINCT task_id FROM task_attempts WHERE run_id = ?2 AND duration_ms IS NOT NULL) ran
                JOIN task_durations old ON old.rowid IN (
                    SELECT rowid FROM task_durations WHERE pipeline_id = ?1 AND task_id = ran.task_id
                    ORDER BY finished_at DESC LIMIT -1 OFFSET ?3));
            """, 3);
        _insertTimer = Create("""
            INSERT OR REPLACE INTO timers (run_id, timer_id, due_at, purpose, task_key) VALUES (?1, ?2, ?3, ?4, ?5);
            """, 5);
        _deleteTimer = Create("DELETE FROM timers WHERE run_id = ?1 AND timer_id = ?2;", 2);
        // A snapshot never replaces a later one, and a run that is gone gets none: a run's final snapshot is saved
        // after its end, by an op of its own (RunShell.SnapshotLater).
        _upsertSnapshot = Create("""
            INSERT INTO run_snapshots (run_id, seq, state)
            SELECT ?1, ?2, ?3 WHERE EXISTS (SELECT 1 FROM runs WHERE run_id = ?1)
            ON CONFLICT (run_id) DO UPDATE SET seq = excluded.seq, state = excluded.state
            WHERE excluded.seq > run_snapshots.seq;
            """, 3);
        _markSnapshotDue = Create("INSERT OR IGNORE INTO final_snapshots_due (run_id) VALUES (?1);", 1);
        // Unmarked once a snapshot at the run's last event is saved, or when the run is gone.
        _unmarkSnapshotDue = Create("""
            DELETE FROM final_snapshots_due
            WHERE run_id = ?1 AND NOT EXISTS (SELECT 1 FROM runs WHERE run_id = ?1 AND last_seq > ?2);
            """, 2);
        Transaction = new RawTransaction(connection);
    }

    /// <summary>The recorded batches' transaction, prepared on the same connection.</summary>
    public RawTransaction Transaction { get; }

    /// <summary>The transaction ad hoc writes join; prepared statements run in whatever transaction is open.</summary>
    public void Bind(SqliteTransaction? transaction) => _transaction = transaction;

    /// <summary>
    /// A queued attempt's row. It stores only what is particular to the attempt: the input without the run-level
    /// members every attempt of the run repeats (<see cref="RunLevelInput"/>; recovery adds them back from the run's
    /// state in <c>RecoveryQueries</c>), and no idempotency key (recovery builds it from the row's key columns; a
    /// generated column for it cost every write of the row, <see cref="EngineSchema"/>).
    /// </summary>
    public void InsertAttempt(string runId, RunTask task, string pool, long queuedAt) =>
        Run(_insertAttempt, [RunId(runId), SqlValue.Text(task.TaskKey), SqlValue.Of(task.Attempt),
            SqlValue.Text(task.TaskId), Name(task.Kind), Name(pool), SqlValue.Of(task.Priority),
            SqlValue.Of(task.Rank), SqlValue.Json(task.Config), SqlValue.Utf8(RunLevelInput.Without(task.Input)),
            SqlValue.Of(task.Timeout is { } t ? (long)t.TotalMilliseconds : null), SqlValue.Of(queuedAt)]);

    public void MarkStarted(string runId, string taskKey, int attempt, long startedAt, long leaseExpiresAt,
        int deliveries) =>
        Run(_markStarted, [RunId(runId), SqlValue.Text(taskKey), SqlValue.Of(attempt), SqlValue.Of(startedAt),
            SqlValue.Of(leaseExpiresAt), SqlValue.Of(deliveries)]);

    /// <summary>
    /// Ends an attempt. <paramref name="durationMs"/> is given for a success only: it is how long the delivery that
    /// succeeded ran, and <see cref="RecordDurations"/> copies it into the duration history when the run ends.
    /// </summary>
    public void FinishAttempt(string runId, string taskKey, int attempt, string status, long finishedAt,
        string? errorKind, string? error, SqlValue output, long logBytes, long? startedAt = null, int deliveries = 0,
        long? durationMs = null) =>
        Run(_finishAttempt, [RunId(runId), SqlValue.Text(taskKey), SqlValue.Of(attempt), Name(status),
            SqlValue.Of(finishedAt), Name(errorKind), SqlValue.Text(error), output, SqlValue.Of(logBytes),
            SqlValue.Of(startedAt), SqlValue.Of(deliveries), SqlValue.Of(durationMs)]);

    public void SuspendAttempt(string runId, string taskKey, int attempt, long availableAt, SqlValue state,
        long logBytes) =>
        Run(_suspendAttempt, [RunId(runId), SqlValue.Text(taskKey), SqlValue.Of(attempt), SqlValue.Of(availableAt),
            state, SqlValue.Of(logBytes)]);

    public void InsertEvent(string runId, long seq, string type, long at, SqlValue body) =>
        Run(_insertEvent, [RunId(runId), SqlValue.Of(seq), Name(type), SqlValue.Of(at), body]);

    /// <summary>
    /// Adds the durations of a run's successful attempts to <c>task_durations</c>, once, when the run ends, and drops
    /// the durations of its tasks that fall out of the <paramref name="window"/> the estimates read, so the history
    /// stays within tasks × window rows however busy the host; the retention purge only trims what older builds
    /// left. Written one task at a time, each row went to a different place of the history's index (it is ordered
    /// by task), so every commit rewrote dozens of index pages; sorted and written together they fill the pages in
    /// order.
    /// </summary>
    public void RecordDurations(string pipelineId, string runId, int window)
    {
        Run(_recordDurations, [SqlValue.Text(pipelineId), RunId(runId)]);
        Run(_trimDurations, [SqlValue.Text(pipelineId), RunId(runId), SqlValue.Of(window)]);
    }

    public void InsertTimer(string runId, string timerId, long dueAt, string purpose, string? taskKey) =>
        Run(_insertTimer, [RunId(runId), SqlValue.Text(timerId), SqlValue.Of(dueAt), Name(purpose),
            SqlValue.Text(taskKey)]);

    public void DeleteTimer(string runId, string timerId) =>
        Run(_deleteTimer, [RunId(runId), SqlValue.Text(timerId)]);

    public void UpsertSnapshot(string runId, long seq, byte[] stateUtf8) =>
        Run(_upsertSnapshot, [RunId(runId), SqlValue.Of(seq), SqlValue.Utf8(stateUtf8)]);

    /// <summary>An ended run's final snapshot is still to be saved; written in the end's transaction.</summary>
    public void MarkSnapshotDue(string runId) => Run(_markSnapshotDue, [RunId(runId)]);

    /// <summary>Saves an ended run's final snapshot and, if it reaches the run's last event, unmarks it.</summary>
    public void SaveFinalSnapshot(string runId, long seq, byte[] stateUtf8)
    {
        UpsertSnapshot(runId, seq, stateUtf8);
        UnmarkSnapshotDue(runId, seq);
    }

    /// <summary>Unmarks an ended run whose snapshot at <paramref name="seq"/> reaches its last event, or that is gone.</summary>
    public void UnmarkSnapshotDue(string runId, long seq) => Run(_unmarkSnapshotDue, [RunId(runId), SqlValue.Of(seq)]);

    public void Dispose()
    {
        Transaction.Dispose();
        foreach (var statement in _all)
        {
            statement.Dispose();
        }
    }

    /// <summary>While set, writes are recorded for the commit thread instead of executed at once.</summary>
    public void RecordInto(List<StoreWrite>? buffer) => _buffer = buffer;

    /// <summary>An ad hoc write (run rows, timer cleanup); written even when the engine is not durable.</summary>
    public void Write(string sql, params ReadOnlySpan<object?> values)
    {
        var write = new StoreWrite(null, null, sql, values.ToArray());
        if (_buffer is not null)
        {
            _buffer.Add(write);
            return;
        }

        Execute(write);
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
            prepared.Execute(write.Values);
            return;
        }

        using var command = _connection.CreateCommand();
        command.Transaction = _transaction;
        command.CommandText = write.Sql;
        var arguments = write.Arguments!;
        for (var i = 0; i < arguments.Length; i++)
        {
            command.Parameters.AddWithValue("$" + (i + 1), arguments[i] ?? DBNull.Value);
        }

        command.ExecuteNonQuery();
    }

    private void Run(PreparedStatement statement, ReadOnlySpan<SqlValue> values)
    {
        if (!_durable)
        {
            return;
        }

        if (_buffer is not null)
        {
            _buffer.Add(new StoreWrite(statement, values.ToArray(), null, null));
            return;
        }

        statement.Execute(values);
    }

    /// <summary>
    /// A run's writes come in long streams, so its id is encoded once per stream, not once per row. Only the
    /// writer thread records writes, so this needs no lock.
    /// </summary>
    private SqlValue RunId(string runId)
    {
        if (!ReferenceEquals(runId, _lastRunId) && runId != _lastRunId)
        {
            _lastRunIdUtf8 = Encoding.UTF8.GetBytes(runId);
            _lastRunId = runId;
        }

        return SqlValue.Utf8(_lastRunIdUtf8);
    }

    /// <summary>
    /// A name from a small set (a status, an event type, a handler kind, a pool, an error kind) encoded once: the
    /// same array each time lets a statement keep the binding it has (<see cref="PreparedStatement"/>), and the writer
    /// encodes nothing. At most <see cref="MaxNames"/> are kept, so names made up by tasks cannot grow it.
    /// </summary>
    private SqlValue Name(string? name)
    {
        if (name is null)
        {
            return SqlValue.Null;
        }

        if (!_names.TryGetValue(name, out var utf8))
        {
            utf8 = Encoding.UTF8.GetBytes(name);
            if (_names.Count < MaxNames)
            {
                _names[name] = utf8;
            }
        }

        return SqlValue.Utf8(utf8);
    }

    private PreparedStatement Create(string sql, int parameterCount)
    {
        var statement = new PreparedStatement(_connection, sql, parameterCount);
        _all.Add(statement);
        return statement;
    }
}
