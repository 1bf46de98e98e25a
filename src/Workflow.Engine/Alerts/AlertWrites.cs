using System.Text.Json;
using Microsoft.Data.Sqlite;
using Workflow.Alerting;
using Workflow.Engine.Runtime;
using Workflow.Engine.Storage;
using Workflow.Services;
using Workflow.Sla;

namespace Workflow.Engine.Alerts;

/// <summary>
/// The write side of <see cref="AlertStore"/> for the alerts themselves: raise, clear and acknowledge, each in one
/// transaction of the engine's single writer with the webhook deliveries it owes (<see cref="AlertDeliveryRows"/>).
/// Raising is idempotent per alert id.
/// </summary>
internal sealed class AlertWrites(WriteLoop writer)
{
    public Task<RaiseOutcome> RaiseAsync(Alert alert, IReadOnlyCollection<string> webhooks, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(alert);
        var body = JsonSerializer.Serialize(alert, AlertJson.Options);
        return writer.ExecuteAsync((connection, transaction) =>
        {
            var existing = ReadState(connection, transaction, alert.Id);
            RaiseOutcome outcome;
            int count;
            if (existing is null)
            {
                (outcome, count) = (RaiseOutcome.New, 1);
                Execute(connection, transaction, """
                    INSERT INTO alerts (alert_id, kind, severity, pipeline_id, owner_group, run_id, task_key, message,
                                        raised_at, raise_count, body)
                    VALUES ($id, $kind, $severity, $pipeline, $group, $run, $task, $message, $at, 1, $body);
                    """, Bind(alert, body));
            }
            else if (existing.Value.Cleared)
            {
                (outcome, count) = (RaiseOutcome.Reopened, existing.Value.Count + 1);
                Execute(connection, transaction, """
                    UPDATE alerts SET cleared_at = NULL, clear_reason = NULL, superseded_by = NULL, acked_at = NULL, acked_by = NULL,
                        message = $message, severity = $severity, raised_at = $at, body = $body,
                        raise_count = raise_count + 1
                    WHERE alert_id = $id;
                    """, Bind(alert, body));
            }
            else
            {
                Execute(connection, transaction, "UPDATE alerts SET message = $message, body = $body WHERE alert_id = $id;",
                    Bind(alert, body));
                return RaiseOutcome.AlreadyOpen;
            }

            var payload = WebhookPayload.Build(alert, WebhookPayload.Raised);
            AlertDeliveryRows.Add(connection, transaction, alert.Id, WebhookPayload.EventId(WebhookPayload.Raised, count),
                webhooks, payload, now);
            return outcome;
        });
    }

    /// <inheritdoc cref="AlertStore.ClearAsync"/>
    public Task<Alert?> ClearAsync(string alertId, DateTimeOffset at, string reason, AlertKind? supersededBy,
        IReadOnlyCollection<string> webhooks)
    {
        return writer.ExecuteAsync<Alert?>((connection, transaction) =>
        {
            var existing = ReadState(connection, transaction, alertId);
            if (existing is not { Cleared: false } state)
            {
                return null;
            }

            Execute(connection, transaction,
                """
                UPDATE alerts SET cleared_at = $at, clear_reason = $reason, superseded_by = $supersededBy
                WHERE alert_id = $id;
                """,
                c =>
                {
                    c.Parameters.AddWithValue("$id", alertId);
                    c.Parameters.AddWithValue("$at", UnixTime.ToMs(at));
                    c.Parameters.AddWithValue("$reason", reason);
                    c.Parameters.AddWithValue("$supersededBy",
                        supersededBy is { } kind ? AlertIds.Name(kind) : DBNull.Value);
                });
            var alert = JsonSerializer.Deserialize<Alert>(state.Body, AlertJson.Options)!;
            var payload = WebhookPayload.Build(alert, WebhookPayload.Cleared, reason, supersededBy);
            AlertDeliveryRows.Add(connection, transaction, alertId,
                WebhookPayload.EventId(WebhookPayload.Cleared, state.Count), webhooks, payload, at);
            return alert;
        });
    }

    /// <inheritdoc cref="AlertStore.AckAsync"/>
    public Task<bool> AckAsync(string alertId, string actor, DateTimeOffset at) =>
        writer.ExecuteAsync((connection, transaction) => Execute(connection, transaction,
            "UPDATE alerts SET acked_at = coalesce(acked_at, $at), acked_by = coalesce(acked_by, $by) WHERE alert_id = $id;",
            c =>
            {
                c.Parameters.AddWithValue("$id", alertId);
                c.Parameters.AddWithValue("$at", UnixTime.ToMs(at));
                c.Parameters.AddWithValue("$by", actor);
            }) > 0);

    private static (bool Cleared, int Count, string Body)? ReadState(SqliteConnection connection,
        SqliteTransaction transaction, string alertId)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT cleared_at IS NOT NULL, raise_count, body FROM alerts WHERE alert_id = $id;";
        command.Parameters.AddWithValue("$id", alertId);
        using var reader = command.ExecuteReader();
        return reader.Read() ? (reader.GetBoolean(0), reader.GetInt32(1), reader.GetString(2)) : null;
    }

    /// <summary>Runs one statement in the writer's transaction; returns the rows it changed.</summary>
    internal static int Execute(SqliteConnection connection, SqliteTransaction transaction, string sql,
        Action<SqliteCommand> bind)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        bind(command);
        return command.ExecuteNonQuery();
    }

    private static Action<SqliteCommand> Bind(Alert alert, string body) => c =>
    {
        c.Parameters.AddWithValue("$id", alert.Id);
        c.Parameters.AddWithValue("$kind", AlertIds.Name(alert.Kind));
        c.Parameters.AddWithValue("$severity", alert.Severity.ToString().ToLowerInvariant());
        c.Parameters.AddWithValue("$pipeline", alert.PipelineId);
        c.Parameters.AddWithValue("$group", alert.OwnerGroup);
        c.Parameters.AddWithValue("$run", (object?)alert.RunId ?? DBNull.Value);
        c.Parameters.AddWithValue("$task", (object?)alert.TaskKey ?? DBNull.Value);
        c.Parameters.AddWithValue("$message", alert.Message);
        c.Parameters.AddWithValue("$at", UnixTime.ToMs(alert.RaisedAt));
        c.Parameters.AddWithValue("$body", body);
    };
}
