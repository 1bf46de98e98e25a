using Workflow.Engine.Storage;

namespace Workflow.Engine.Starts;

/// <summary>
/// The tables of starts that wait (migration range 600–649): backfills and their runs, and manual runs queued by
/// the <c>queue</c> overlap policy. A waiting start is a row, so it survives a restart and starts afterwards.
/// </summary>
internal static class StartsSchema
{
    public static Migration Migration { get; } = new(600, "gated-starts", """
        CREATE TABLE IF NOT EXISTS backfills (
            backfill_id TEXT PRIMARY KEY,
            pipeline_id TEXT NOT NULL,
            schedule TEXT NOT NULL,
            range_from INTEGER NOT NULL,
            range_to INTEGER NOT NULL,
            max_active INTEGER NOT NULL,
            overlap TEXT,
            parameters TEXT,
            created_at INTEGER NOT NULL,
            created_by TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS backfill_runs (
            backfill_id TEXT NOT NULL,
            run_id TEXT NOT NULL,
            logical_time INTEGER NOT NULL,
            state TEXT NOT NULL,
            PRIMARY KEY (backfill_id, run_id));
        CREATE INDEX IF NOT EXISTS ix_backfill_runs_waiting ON backfill_runs (backfill_id) WHERE state = 'waiting';
        CREATE TABLE IF NOT EXISTS queued_starts (
            run_id TEXT PRIMARY KEY,
            pipeline_id TEXT NOT NULL,
            trigger TEXT NOT NULL,
            actor TEXT NOT NULL,
            parameters TEXT,
            created_at INTEGER NOT NULL);
        CREATE INDEX IF NOT EXISTS ix_queued_starts_pipeline ON queued_starts (pipeline_id, created_at);
        """);
}
