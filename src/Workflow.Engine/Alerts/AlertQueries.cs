using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Workflow.Alerting;
using Workflow.Engine.Storage;
using Workflow.Services;
using Workflow.Sla;

namespace Workflow.Engine.Alerts;

/// <summary>The read side of <see cref="AlertStore"/>: listing with filters, and one alert by id.</summary>
internal sealed class AlertQueries(SqliteStore store)
{
    public async Task<IReadOnlyList<AlertRecord>> ListAsync(AlertQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var connection = await store.OpenReadConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        var sql = new StringBuilder(Select).Append(" WHERE 1 = 1");
        switch (query.Status)
        {
            case AlertListStatus.Open: sql.Append(" AND a.acked_at IS NULL AND a.cleared_at IS NULL"); break;
            case AlertListStatus.Acked: sql.Append(" AND a.acked_at IS NOT NULL"); break;
            case AlertListStatus.Cleared: sql.Append(" AND a.cleared_at IS NOT NULL"); break;
            case AlertListStatus.Active: sql.Append(" AND a.cleared_at IS NULL"); break;
        }

        if (query.PipelineId is { } pipeline)
        {
            sql.Append(" AND a.pipeline_id = $pipeline");
            command.Parameters.AddWithValue("$pipeline", pipeline);
        }

        if (query.RunId is { } run)
        {
            sql.Append(" AND a.run_id = $run");
            command.Parameters.AddWithValue("$run", run);
        }

        if (query.Kind is { } kind)
        {
            sql.Append(" AND a.kind = $kind");
            command.Parameters.AddWithValue("$kind", AlertIds.Name(kind));
        }

        if (query.OwnerGroups is { } groups)
        {
            sql.Append(" AND a.owner_group IN (SELECT value FROM json_each($groups))");
            command.Parameters.AddWithValue("$groups", JsonSerializer.Serialize(groups));
        }

        sql.Append(" ORDER BY a.raised_at DESC, a.alert_id LIMIT $limit;");
        command.Parameters.AddWithValue("$limit", Math.Clamp(query.Limit, 1, 1000));
        command.CommandText = sql.ToString();
        return await ReadAsync(command, cancellationToken);
    }

    public async Task<AlertRecord?> GetAsync(string alertId, CancellationToken cancellationToken)
    {
        await using var connection = await store.OpenReadConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = Select + " WHERE a.alert_id = $id;";
        command.Parameters.AddWithValue("$id", alertId);
        return (await ReadAsync(command, cancellationToken)).SingleOrDefault();
    }

    private const string Select = """
        SELECT a.body, a.cleared_at, a.clear_reason, a.acked_at, a.acked_by, a.raise_count,
               (SELECT count(*) FROM alert_deliveries d WHERE d.alert_id = a.alert_id),
               (SELECT count(*) FROM alert_deliveries d WHERE d.alert_id = a.alert_id AND d.delivered_at IS NULL),
               (SELECT coalesce(sum(d.attempts), 0) FROM alert_deliveries d WHERE d.alert_id = a.alert_id),
               (SELECT d.last_error FROM alert_deliveries d
                 WHERE d.alert_id = a.alert_id AND d.delivered_at IS NULL AND d.last_error IS NOT NULL LIMIT 1),
               (SELECT count(DISTINCT d.url) FROM alert_deliveries d WHERE d.alert_id = a.alert_id),
               a.superseded_by
        FROM alerts a
        """;

    private static async Task<IReadOnlyList<AlertRecord>> ReadAsync(SqliteCommand command,
        CancellationToken cancellationToken)
    {
        var records = new List<AlertRecord>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var alert = JsonSerializer.Deserialize<Alert>(reader.GetString(0), AlertJson.Options)!;
            var total = reader.GetInt32(6);
            var pending = reader.GetInt32(7);
            var attempts = reader.GetInt32(8);
            var error = reader.IsDBNull(9) ? null : reader.GetString(9);
            records.Add(new AlertRecord(alert,
                reader.IsDBNull(1) ? null : UnixTime.FromMs(reader.GetInt64(1)),
                reader.IsDBNull(2) ? null : reader.GetString(2),
                reader.IsDBNull(3) ? null : UnixTime.FromMs(reader.GetInt64(3)),
                reader.IsDBNull(4) ? null : reader.GetString(4),
                reader.GetInt32(5),
                AlertDelivery.Summarize(reader.GetInt32(10), total, pending, 0, attempts, error))
            {
                SupersededBy = AlertIds.KindNamed(reader.IsDBNull(11) ? null : reader.GetString(11)),
            });
        }

        return records;
    }
}
