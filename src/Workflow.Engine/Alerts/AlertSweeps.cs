using Workflow.Engine.Retention;

namespace Workflow.Engine.Alerts;

/// <summary>
/// Retention of the alert tables. An alert goes once it has been cleared for longer than the retention, or once
/// the run it is about has been purged and it was raised longer ago than the retention, cleared or not; one that is
/// not cleared is otherwise kept however old. A webhook delivery goes with its alert, or once it was delivered
/// longer ago than the retention.
/// </summary>
internal static class AlertSweeps
{
    public static RetentionSweep Alerts { get; } = new("alerts", """
        DELETE FROM alerts WHERE alert_id IN (
            SELECT a.alert_id FROM alerts a
            WHERE (a.cleared_at IS NOT NULL AND a.cleared_at < $cutoff)
               OR (a.run_id IS NOT NULL AND a.raised_at < $cutoff
                   AND NOT EXISTS (SELECT 1 FROM runs r WHERE r.run_id = a.run_id))
            LIMIT $limit);
        """);

    public static RetentionSweep Deliveries { get; } = new("alert_deliveries", """
        DELETE FROM alert_deliveries WHERE (alert_id, event, url) IN (
            SELECT d.alert_id, d.event, d.url FROM alert_deliveries d
            WHERE NOT EXISTS (SELECT 1 FROM alerts a WHERE a.alert_id = d.alert_id)
               OR (d.delivered_at IS NOT NULL AND d.delivered_at < $cutoff)
            LIMIT $limit);
        """);
}
