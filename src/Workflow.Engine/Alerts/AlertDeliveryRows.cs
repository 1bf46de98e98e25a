using System.Text.Json;
using Microsoft.Data.Sqlite;
using Workflow.Alerting;
using Workflow.Engine.Runtime;
using Workflow.Engine.Storage;
using Workflow.Services;

namespace Workflow.Engine.Alerts;

/// <summary>
/// The webhook deliveries of <see cref="AlertStore"/> (table <c>alert_deliveries</c>, one row per alert, event and
/// url): added in the transaction that raises or clears the alert, read when due, and marked as each post goes.
/// </summary>
internal sealed class AlertDeliveryRows(SqliteStore store, WriteLoop writer)
{
    private const string PrecedesFunction = "workflow_event_precedes";

    /// <summary>One delivery per webhook, due at once; a delivery that exists already is kept as it is.</summary>
    public static void Add(SqliteConnection connection, SqliteTransaction transaction, string alertId,
        string @event, IReadOnlyCollection<string> webhooks, string payload, DateTimeOffset now)
    {
        foreach (var url in webhooks)
        {
            AlertWrites.Execute(connection, transaction, """
                INSERT OR IGNORE INTO alert_deliveries (alert_id, event, url, attempts, next_attempt_at, payload)
                VALUES ($id, $event, $url, 0, $next, $payload);
                """, c =>
            {
                c.Parameters.AddWithValue("$id", alertId);
                c.Parameters.AddWithValue("$event", @event);
                c.Parameters.AddWithValue("$url", url);
                c.Parameters.AddWithValue("$next", UnixTime.ToMs(now));
                c.Parameters.AddWithValue("$payload", payload);
            });
        }
    }

    /// <summary>
    /// The deliveries due now, oldest first, to receivers not in <paramref name="busy"/> (their deliveries in flight
    /// go on on their own). A raise or clear waits while an earlier event of its alert to the same receiver is not
    /// delivered (<see cref="WebhookPayload.Precedes"/>), so a receiver never hears a clear before its raise.
    /// </summary>
    public async Task<IReadOnlyList<PendingDelivery>> DueAsync(DateTimeOffset now, int max,
        IReadOnlyCollection<string> busy, CancellationToken cancellationToken)
    {
        await using var connection = await store.OpenReadConnectionAsync(cancellationToken);
        connection.CreateFunction<string, string, bool>(PrecedesFunction, WebhookPayload.Precedes,
            isDeterministic: true);
        await using var command = connection.CreateCommand();
        command.CommandText = $"""
            SELECT d.alert_id, d.event, d.url, d.attempts, d.payload FROM alert_deliveries d
            WHERE d.delivered_at IS NULL AND d.next_attempt_at <= $now
              AND d.url NOT IN (SELECT value FROM json_each($busy))
              AND NOT EXISTS (SELECT 1 FROM alert_deliveries e
                              WHERE e.alert_id = d.alert_id AND e.url = d.url AND e.delivered_at IS NULL
                                AND {PrecedesFunction}(e.event, d.event))
            ORDER BY d.next_attempt_at LIMIT $max;
            """;
        command.Parameters.AddWithValue("$now", UnixTime.ToMs(now));
        command.Parameters.AddWithValue("$max", max);
        command.Parameters.AddWithValue("$busy", JsonSerializer.Serialize(busy));
        var due = new List<PendingDelivery>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            due.Add(new PendingDelivery(reader.GetString(0), reader.GetString(1), reader.GetString(2),
                reader.GetInt32(3), reader.GetString(4)));
        }

        return due;
    }

    public Task MarkDeliveredAsync(PendingDelivery delivery, DateTimeOffset at) =>
        writer.ExecuteAsync((connection, transaction) => AlertWrites.Execute(connection, transaction, """
            UPDATE alert_deliveries SET delivered_at = $at, attempts = attempts + 1, last_error = NULL
            WHERE alert_id = $id AND event = $event AND url = $url;
            """, c => Bind(c, delivery, ("$at", UnixTime.ToMs(at)))));

    public Task MarkFailedAsync(PendingDelivery delivery, string error, DateTimeOffset nextAttempt) =>
        writer.ExecuteAsync((connection, transaction) => AlertWrites.Execute(connection, transaction, """
            UPDATE alert_deliveries SET attempts = attempts + 1, last_error = $error, next_attempt_at = $next
            WHERE alert_id = $id AND event = $event AND url = $url;
            """, c => Bind(c, delivery, ("$error", error), ("$next", UnixTime.ToMs(nextAttempt)))));

    private static void Bind(SqliteCommand c, PendingDelivery delivery, params (string Name, object Value)[] extra)
    {
        c.Parameters.AddWithValue("$id", delivery.AlertId);
        c.Parameters.AddWithValue("$event", delivery.Event);
        c.Parameters.AddWithValue("$url", delivery.Url);
        foreach (var (name, value) in extra)
        {
            c.Parameters.AddWithValue(name, value);
        }
    }
}
