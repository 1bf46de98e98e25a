using Workflow.Engine.Runtime;
using Workflow.Engine.Storage;
using Workflow.Runtime.Scheduling;

namespace Workflow.Engine.Scheduling;

/// <summary>
/// Watermarks (Unix milliseconds) in the engine's <c>schedule_watermarks</c> table, which the engine's own
/// migration creates. Reads use the store's pooled connections; each advance goes through the engine's single
/// writer as one conditional UPDATE (or INSERT OR IGNORE for the first), so of two tickers that race, in one
/// host or in two hosts on one file, exactly one moves the watermark, and no advance fights the writer for the lock.
/// </summary>
public sealed class SqliteWatermarkStore(SqliteStore store, WriteLoop writer) : IWatermarkStore
{
    public async ValueTask<IReadOnlyDictionary<(string PipelineId, string ScheduleKey), DateTimeOffset>> LoadAsync(
        CancellationToken cancellationToken)
    {
        await using var connection = await store.OpenReadConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT pipeline_id, schedule_key, watermark FROM schedule_watermarks;";
        var result = new Dictionary<(string, string), DateTimeOffset>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            result[(reader.GetString(0), reader.GetString(1))] = UnixTime.FromMs(reader.GetInt64(2));
        }

        return result;
    }

    public async ValueTask<bool> TryAdvanceAsync(string pipelineId, string scheduleKey, DateTimeOffset? expected,
        DateTimeOffset next, CancellationToken cancellationToken)
    {
        var sql = expected is null
            ? "INSERT OR IGNORE INTO schedule_watermarks (pipeline_id, schedule_key, watermark) VALUES ($p, $k, $n);"
            : "UPDATE schedule_watermarks SET watermark = $n " +
              "WHERE pipeline_id = $p AND schedule_key = $k AND watermark = $e;";
        var changed = await writer.ExecuteAsync((connection, transaction) =>
        {
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = sql;
            command.Parameters.AddWithValue("$p", pipelineId);
            command.Parameters.AddWithValue("$k", scheduleKey);
            command.Parameters.AddWithValue("$n", UnixTime.ToMs(next));
            command.Parameters.AddWithValue("$e", UnixTime.ToMs(expected) ?? 0);
            return command.ExecuteNonQuery();
        }).WaitAsync(cancellationToken);
        return changed == 1;
    }
}
