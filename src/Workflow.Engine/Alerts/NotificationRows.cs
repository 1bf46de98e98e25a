using Microsoft.Data.Sqlite;
using Workflow.Engine.Retention;
using Workflow.Engine.Storage;
using Workflow.Execution;
using Workflow.Sla;

namespace Workflow.Engine.Alerts;

/// <summary>
/// <c>run_notifications</c>: the run decider's notifications, written in the transaction of the event that caused
/// them. The SLA monitor hears of a notification only after that commit, through the observers, so one in flight
/// when the host stops would otherwise be lost; on start-up the monitor service feeds a restored monitor the rows
/// of its run, and the monitor skips those it already applied. A run's rows go when its monitor completes.
/// </summary>
internal static class NotificationRows
{
    public static void Insert(HotStatements sql, string runId, long seq, Notify notify) =>
        sql.Write("""
            INSERT INTO run_notifications (run_id, seq, at, kind, message, task_key, attempt)
            VALUES ($1, $2, $3, $4, $5, $6, $7);
            """, runId, seq, UnixTime.ToMs(notify.At), EnumNames<NotificationKind>.Name(notify.Kind), notify.Message,
            notify.TaskKey, notify.Attempt);

    /// <summary>A run's notifications in the order they were committed.</summary>
    public static async Task<IReadOnlyList<RunNotified>> ReadAsync(SqliteConnection connection, string runId,
        CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT at, kind, message, task_key, attempt FROM run_notifications WHERE run_id = $run
            ORDER BY seq, rowid;
            """;
        command.Parameters.AddWithValue("$run", runId);
        var notifications = new List<RunNotified>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            notifications.Add(new RunNotified(UnixTime.FromMs(reader.GetInt64(0)),
                EnumNames<NotificationKind>.Parse(reader.GetString(1)), reader.GetString(2),
                reader.IsDBNull(3) ? null : reader.GetString(3), reader.IsDBNull(4) ? null : reader.GetInt32(4)));
        }

        return notifications;
    }

    public static void Delete(SqliteConnection connection, SqliteTransaction transaction, string runId)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "DELETE FROM run_notifications WHERE run_id = $run;";
        command.Parameters.AddWithValue("$run", runId);
        command.ExecuteNonQuery();
    }

    /// <summary>Rows no monitor will read: their run has ended (or is gone) and has no saved monitor.</summary>
    public static RetentionSweep Sweep { get; } = new("run_notifications", """
        DELETE FROM run_notifications WHERE rowid IN (
            SELECT n.rowid FROM run_notifications n
            WHERE n.at < $cutoff
              AND NOT EXISTS (SELECT 1 FROM sla_monitors m WHERE m.run_id = n.run_id)
              AND NOT EXISTS (SELECT 1 FROM runs r WHERE r.run_id = n.run_id AND r.status IN ('queued', 'running'))
            LIMIT $limit);
        """);
}
