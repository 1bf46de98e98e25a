using Workflow.Engine.Storage;

namespace Workflow.Engine.Alerts;

/// <summary>
/// The alert tables (migration range 200–299). An alert row is keyed by its deterministic id; each raise and
/// clear of it makes one delivery row per webhook, which stays until it is delivered, so nothing is lost while
/// a receiver is down. <c>sla_monitors</c> holds each live SLA monitor's decider state and pending timers, so a
/// run that is active across a restart keeps its monitor; <c>run_notifications</c> keeps the run decider's
/// notifications of monitored runs, written with the run's own changes, so none is lost between the commit and
/// the monitor. <c>superseded_by</c> is the kind name of the worse alert that cleared an alert, null when it resolved.
/// </summary>
public static class AlertSchema
{
    public static IReadOnlyList<Migration> Migrations { get; } =
    [
        new(200, "alerts", """
            CREATE TABLE alerts (
                alert_id TEXT PRIMARY KEY,
                kind TEXT NOT NULL,
                severity TEXT NOT NULL,
                pipeline_id TEXT NOT NULL,
                owner_group TEXT NOT NULL,
                run_id TEXT,
                task_key TEXT,
                message TEXT NOT NULL,
                raised_at INTEGER NOT NULL,
                cleared_at INTEGER,
                clear_reason TEXT,
                acked_at INTEGER,
                acked_by TEXT,
                raise_count INTEGER NOT NULL,
                body TEXT NOT NULL) WITHOUT ROWID;
            CREATE INDEX alerts_by_time ON alerts (raised_at DESC);
            CREATE INDEX alerts_by_pipeline ON alerts (pipeline_id, raised_at DESC);
            CREATE TABLE alert_deliveries (
                alert_id TEXT NOT NULL,
                event TEXT NOT NULL,
                url TEXT NOT NULL,
                delivered_at INTEGER,
                attempts INTEGER NOT NULL,
                last_error TEXT,
                next_attempt_at INTEGER NOT NULL,
                payload TEXT NOT NULL,
                PRIMARY KEY (alert_id, event, url)) WITHOUT ROWID;
            CREATE INDEX alert_deliveries_due ON alert_deliveries (delivered_at, next_attempt_at);
            """),
        new(201, "sla monitors", """
            CREATE TABLE sla_monitors (
                run_id TEXT PRIMARY KEY,
                state TEXT NOT NULL,
                timers TEXT NOT NULL,
                channels TEXT NOT NULL,
                saved_at INTEGER NOT NULL) WITHOUT ROWID;
            """),
        new(202, "run notifications", """
            CREATE TABLE run_notifications (
                run_id TEXT NOT NULL,
                seq INTEGER NOT NULL,
                at INTEGER NOT NULL,
                kind TEXT NOT NULL,
                message TEXT NOT NULL,
                task_key TEXT,
                attempt INTEGER);
            CREATE INDEX run_notifications_by_run ON run_notifications (run_id, seq);
            """),
        new(203, "alert superseded by", """
            ALTER TABLE alerts ADD COLUMN superseded_by TEXT;
            """),
    ];
}
