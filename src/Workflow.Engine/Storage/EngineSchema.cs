namespace Workflow.Engine.Storage;

/// <summary>
/// The engine's own migrations. Times are Unix milliseconds (UTC). <c>task_attempts</c> is also the work queue:
/// rows in state <c>queued</c> or <c>running</c> are the work items, with their lease; the <c>work_items</c> view
/// shows just those. Keeping one row per attempt saves a write per task, which is what group commit is bound by.
/// <c>schedule_watermarks</c> is created only if missing: before the scheduler wrote through the engine, its
/// watermark store created that table itself, sometimes on a file the engine had not opened yet.
/// </summary>
public static class EngineSchema
{
    /// <summary>The columns of <c>task_attempts</c> with the key column as given, and its primary key.</summary>
    private static string AttemptColumns(string keyColumn) => $"""
                run_id TEXT NOT NULL,
                task_key TEXT NOT NULL,
                attempt INTEGER NOT NULL,
                task_id TEXT NOT NULL,
                kind TEXT NOT NULL,
                pool TEXT NOT NULL,
                priority INTEGER NOT NULL,
                rank REAL NOT NULL,
                status TEXT NOT NULL,
                config TEXT,
                input TEXT,
                timeout_ms INTEGER,
                {keyColumn},
                queued_at INTEGER NOT NULL,
                available_at INTEGER,
                started_at INTEGER,
                finished_at INTEGER,
                lease_expires_at INTEGER,
                deliveries INTEGER NOT NULL DEFAULT 0,
                error_kind TEXT,
                error TEXT,
                output TEXT,
                log_bytes INTEGER NOT NULL DEFAULT 0,
                resume_state TEXT,
                PRIMARY KEY (run_id, task_key, attempt)) WITHOUT ROWID;
        """;

    private const string WorkItemsView = """
            CREATE VIEW work_items AS
                SELECT run_id, task_key, attempt, kind, pool, priority, rank, queued_at, available_at,
                       lease_expires_at, deliveries, status
                FROM task_attempts WHERE status IN ('queued', 'running');
        """;

    public static IReadOnlyList<Migration> Migrations { get; } =
    [
        new(1, "engine-core", $"""
            CREATE TABLE pipelines (
                pipeline_id TEXT NOT NULL,
                version INTEGER NOT NULL,
                definition TEXT NOT NULL,
                etag TEXT NOT NULL,
                updated_at INTEGER NOT NULL,
                updated_by TEXT NOT NULL,
                PRIMARY KEY (pipeline_id, version)) WITHOUT ROWID;
            CREATE TABLE pipeline_heads (
                pipeline_id TEXT PRIMARY KEY,
                current_version INTEGER NOT NULL,
                owner_group TEXT NOT NULL,
                deleted INTEGER NOT NULL DEFAULT 0) WITHOUT ROWID;
            CREATE TABLE runs (
                run_id TEXT PRIMARY KEY,
                pipeline_id TEXT NOT NULL,
                pipeline_version INTEGER NOT NULL,
                owner_group TEXT NOT NULL,
                status TEXT NOT NULL,
                trigger TEXT NOT NULL,
                logical_time INTEGER NOT NULL,
                created_at INTEGER NOT NULL,
                created_by TEXT NOT NULL,
                started_at INTEGER,
                finished_at INTEGER,
                summary TEXT,
                parameters TEXT,
                rerun_of TEXT,
                parent_run_id TEXT,
                parent_task_key TEXT,
                parent_attempt INTEGER,
                last_seq INTEGER NOT NULL DEFAULT 0);
            CREATE INDEX ix_runs_created ON runs (created_at DESC, run_id DESC);
            CREATE INDEX ix_runs_pipeline ON runs (pipeline_id, created_at DESC);
            CREATE INDEX ix_runs_active ON runs (status) WHERE status IN ('queued', 'running');
            CREATE TABLE run_events (
                run_id TEXT NOT NULL,
                seq INTEGER NOT NULL,
                type TEXT NOT NULL,
                at INTEGER NOT NULL,
                body TEXT NOT NULL,
                PRIMARY KEY (run_id, seq)) WITHOUT ROWID;
            CREATE TABLE run_snapshots (
                run_id TEXT PRIMARY KEY,
                seq INTEGER NOT NULL,
                state TEXT NOT NULL) WITHOUT ROWID;
            CREATE TABLE task_attempts (
            {AttemptColumns("idempotency_key TEXT NOT NULL")}
            {WorkItemsView}
            CREATE TABLE timers (
                run_id TEXT NOT NULL,
                timer_id TEXT NOT NULL,
                due_at INTEGER NOT NULL,
                purpose TEXT NOT NULL,
                task_key TEXT,
                PRIMARY KEY (run_id, timer_id)) WITHOUT ROWID;
            CREATE TABLE IF NOT EXISTS schedule_watermarks (
                pipeline_id TEXT NOT NULL,
                schedule_key TEXT NOT NULL,
                watermark INTEGER NOT NULL,
                PRIMARY KEY (pipeline_id, schedule_key)) WITHOUT ROWID;
            CREATE TABLE task_durations (
                pipeline_id TEXT NOT NULL,
                task_id TEXT NOT NULL,
                run_id TEXT NOT NULL,
                attempt INTEGER NOT NULL,
                finished_at INTEGER NOT NULL,
                duration_ms INTEGER NOT NULL);
            CREATE INDEX ix_task_durations ON task_durations (pipeline_id, task_id, finished_at DESC);
            CREATE TABLE queue_messages (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                queue TEXT NOT NULL,
                body TEXT NOT NULL,
                enqueued_at INTEGER NOT NULL);
            CREATE INDEX ix_queue_messages ON queue_messages (queue, id);
            """),

        // Queues gain leases, delivery counts and dead-lettering, and become per group ({group}/{queue}). A message
        // already waiting moves to the group of the (first, by id) live pipeline whose queue-drain task names its
        // queue, so the drain that served it still does; a queue no pipeline drains keeps its old name.
        new(2, "queue-deliveries", """
            ALTER TABLE queue_messages ADD COLUMN dequeue_count INTEGER NOT NULL DEFAULT 0;
            ALTER TABLE queue_messages ADD COLUMN visible_at INTEGER NOT NULL DEFAULT 0;
            ALTER TABLE queue_messages ADD COLUMN last_error TEXT;
            UPDATE queue_messages SET queue = coalesce((
                SELECT h.owner_group || '/' || queue_messages.queue
                FROM pipeline_heads h
                JOIN pipelines p ON p.pipeline_id = h.pipeline_id AND p.version = h.current_version,
                     json_each(p.definition, '$.tasks') t
                WHERE h.deleted = 0 AND json_extract(t.value, '$.kind') = 'queue-drain'
                  AND json_extract(t.value, '$.config.queue') = queue_messages.queue
                ORDER BY h.pipeline_id LIMIT 1), queue)
            WHERE instr(queue, '/') = 0;
            """),

        // The scheduler's next-due index: one row per enabled schedule of an enabled live pipeline, written with the
        // pipeline version it was computed from, so a tick reads only the rows that are due. Deleting a pipeline drops
        // its rows. A store that already holds pipelines is indexed once by the first tick (built = 0).
        new(3, "schedule-due-index", """
            CREATE TABLE schedule_due (
                pipeline_id TEXT NOT NULL,
                schedule_key TEXT NOT NULL,
                version INTEGER NOT NULL,
                next_due INTEGER NOT NULL,
                PRIMARY KEY (pipeline_id, schedule_key)) WITHOUT ROWID;
            CREATE INDEX ix_schedule_due ON schedule_due (next_due);
            CREATE TRIGGER schedule_due_deleted AFTER UPDATE OF deleted ON pipeline_heads WHEN NEW.deleted = 1
            BEGIN
                DELETE FROM schedule_due WHERE pipeline_id = NEW.pipeline_id;
            END;
            CREATE TABLE schedule_due_state (built INTEGER NOT NULL);
            INSERT INTO schedule_due_state (built) SELECT NOT EXISTS (SELECT 1 FROM pipelines);
            """),

        // A suspended run keeps status 'running' (it is still active for every query that asks so) and records when it
        // was suspended; the run reader shows it as suspended. The decider's own state is in its events.
        new(4, "run-suspension", """
            ALTER TABLE runs ADD COLUMN suspended_at INTEGER;
            """),

        // An attempt's idempotency key is {run}/{task key}/{attempt} (RunTask.IdempotencyKeyFor), so the row no longer
        // stores it: the column is computed when read. Attempt rows are what a durable task writes most, and the key
        // was a third of a row. SQLite cannot turn a stored column into a computed one, so the table is rebuilt; the
        // keys older engines stored are the same text the column computes.
        new(5, "attempt-key-computed", $"""
            CREATE TABLE task_attempts_v5 (
            {AttemptColumns("idempotency_key TEXT GENERATED ALWAYS AS (run_id || '/' || task_key || '/' || attempt) VIRTUAL")}
            INSERT INTO task_attempts_v5 (run_id, task_key, attempt, task_id, kind, pool, priority, rank, status, config,
                input, timeout_ms, queued_at, available_at, started_at, finished_at, lease_expires_at, deliveries,
                error_kind, error, output, log_bytes, resume_state)
            SELECT run_id, task_key, attempt, task_id, kind, pool, priority, rank, status, config, input, timeout_ms,
                queued_at, available_at, started_at, finished_at, lease_expires_at, deliveries, error_kind, error, output,
                log_bytes, resume_state
            FROM task_attempts;
            DROP VIEW work_items;
            DROP TABLE task_attempts;
            ALTER TABLE task_attempts_v5 RENAME TO task_attempts;
            {WorkItemsView}
            """),

        // The pipelines a queue-backlog poll watches, written with each saved version.
        Handlers.Queue.QueueWatchRows.Migration,

        // A successful attempt keeps how long it ran; the run's durations go to task_durations together when it
        // ends (HotStatements.RecordDurations), not one row per task. Runs in flight at the upgrade record only what
        // finishes after it, and what finished before it is already in task_durations.
        new(7, "attempt-duration", "ALTER TABLE task_attempts ADD COLUMN duration_ms INTEGER;"),

        // The ended runs whose final snapshot is still to be saved (RunShell.SnapshotLater): marked in the end's
        // transaction and unmarked with the save, so start-up repairs only these instead of joining every retained
        // run with its snapshot. A file from before marks, once, the runs a crash already left without one.
        new(8, "final-snapshot-due", """
            CREATE TABLE final_snapshots_due (run_id TEXT PRIMARY KEY) WITHOUT ROWID;
            INSERT INTO final_snapshots_due (run_id)
            SELECT r.run_id FROM runs r LEFT JOIN run_snapshots s ON s.run_id = r.run_id
            WHERE r.status NOT IN ('queued', 'running') AND r.last_seq > coalesce(s.seq, 0);
            """),

        // The attempt's idempotency key is no longer a column at all: SQLite computes a table's generated columns
        // for every row an INSERT or UPDATE writes, virtual ones too, and an attempt row is written three times
        // (queued, started, finished), each time concatenating the key's text; in a replay of the hot path's
        // statements that was about a seventh of SQLite's work. The one reader that needs it (recovery) builds it
        // with RunTask.IdempotencyKeyFor, from the row's run, task key and attempt. A virtual column is dropped
        // without rewriting the rows.
        new(9, "attempt-key-dropped", "ALTER TABLE task_attempts DROP COLUMN idempotency_key;"),
    ];
}
