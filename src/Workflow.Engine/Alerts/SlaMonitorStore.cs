using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Data.Sqlite;
using Workflow.Engine.Runtime;
using Workflow.Engine.Storage;
using Workflow.Execution;
using Workflow.Model;
using Workflow.Sla;

namespace Workflow.Engine.Alerts;

/// <summary>
/// The <c>sla_monitors</c> table: one row per live SLA monitor with its decider state, its pending timers and its
/// alert channels. The service saves a monitor after carrying out its commands, so a crash in between only makes
/// the restored monitor raise again what the alert store already holds open, which it deduplicates by id.
/// </summary>
public sealed class SlaMonitorStore(SqliteStore store, WriteLoop writer)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    /// <summary>
    /// Writes the given monitors, and deletes the rows (monitor and notifications) of the given finished runs, in
    /// one transaction. The monitors are turned into JSON here, on the caller's thread, before the write is queued:
    /// the engine's writer, which every run's progress waits for, only binds the finished text.
    /// </summary>
    public Task SaveAsync(IReadOnlyCollection<SavedMonitor> monitors, IReadOnlyCollection<string> finished,
        DateTimeOffset at)
    {
        var rows = monitors.Select(m => (m.RunId, State: JsonSerializer.Serialize(m.State, Json),
            Timers: JsonSerializer.Serialize(m.Timers, Json), Channels: JsonSerializer.Serialize(m.Channels, Json)))
            .ToList();
        var savedAt = UnixTime.ToMs(at);
        return writer.ExecuteAsync((connection, transaction) =>
        {
            foreach (var row in rows)
            {
                using var upsert = SqliteStore.Command(connection, transaction, """
                    INSERT INTO sla_monitors (run_id, state, timers, channels, saved_at)
                    VALUES ($run, $state, $timers, $channels, $at)
                    ON CONFLICT (run_id) DO UPDATE SET state = excluded.state, timers = excluded.timers,
                        channels = excluded.channels, saved_at = excluded.saved_at;
                    """);
                upsert.Parameters.AddWithValue("$run", row.RunId);
                upsert.Parameters.AddWithValue("$state", row.State);
                upsert.Parameters.AddWithValue("$timers", row.Timers);
                upsert.Parameters.AddWithValue("$channels", row.Channels);
                upsert.Parameters.AddWithValue("$at", savedAt);
                upsert.ExecuteNonQuery();
            }

            foreach (var runId in finished)
            {
                using var delete = SqliteStore.Command(connection, transaction, "DELETE FROM sla_monitors WHERE run_id = $run;");
                delete.Parameters.AddWithValue("$run", runId);
                delete.ExecuteNonQuery();
                NotificationRows.Delete(connection, transaction, runId);
            }

            return true;
        });
    }

    /// <summary>Every saved monitor, with the status its run has now (null when the run no longer exists).</summary>
    public async Task<IReadOnlyList<RestoredMonitor>> LoadAsync(CancellationToken cancellationToken)
    {
        await using var connection = await store.OpenReadConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT m.run_id, m.state, m.timers, m.channels, r.status, r.finished_at
            FROM sla_monitors m LEFT JOIN runs r ON r.run_id = m.run_id ORDER BY m.run_id;
            """;
        var restored = new List<RestoredMonitor>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var saved = new SavedMonitor(reader.GetString(0),
                JsonSerializer.Deserialize<SlaMonitorState>(reader.GetString(1), Json)!,
                JsonSerializer.Deserialize<Dictionary<string, DateTimeOffset>>(reader.GetString(2), Json)!,
                JsonSerializer.Deserialize<List<AlertChannel>>(reader.GetString(3), Json)!);
            restored.Add(new RestoredMonitor(saved,
                reader.IsDBNull(4) ? null : EnumNames<RunStatus>.Parse(reader.GetString(4)),
                reader.IsDBNull(5) ? null : UnixTime.FromMs(reader.GetInt64(5))));
        }

        return restored;
    }

    /// <summary>Active runs that have no saved monitor: started before monitors were saved, or just before a crash.</summary>
    public async Task<IReadOnlyList<(RunInfo Run, DateTimeOffset StartedAt)>> UnmonitoredActiveRunsAsync(
        CancellationToken cancellationToken)
    {
        await using var connection = await store.OpenReadConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT r.run_id, r.pipeline_id, r.pipeline_version, r.logical_time, coalesce(r.started_at, r.created_at),
                   r.parent_run_id
            FROM runs r WHERE r.status IN ('queued', 'running')
              AND NOT EXISTS (SELECT 1 FROM sla_monitors m WHERE m.run_id = r.run_id)
            ORDER BY r.created_at;
            """;
        var rows = new List<(string RunId, string PipelineId, int Version, long Logical, long Started, string? Parent)>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                rows.Add((reader.GetString(0), reader.GetString(1), reader.GetInt32(2), reader.GetInt64(3),
                    reader.GetInt64(4), reader.IsDBNull(5) ? null : reader.GetString(5)));
            }
        }

        var runs = new List<(RunInfo, DateTimeOffset)>(rows.Count);
        foreach (var row in rows)
        {
            if (PipelineRows.Version(connection, null, row.PipelineId, row.Version) is { } definition)
            {
                runs.Add((new RunInfo(row.RunId, definition, UnixTime.FromMs(row.Logical), row.Parent),
                    UnixTime.FromMs(row.Started)));
            }
        }

        return runs;
    }

    /// <summary>The attempts of a run that have ended, in the order they ended.</summary>
    public async Task<IReadOnlyList<EndedAttempt>> EndedAttemptsAsync(string runId, CancellationToken cancellationToken)
    {
        await using var connection = await store.OpenReadConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT task_key, attempt, status, coalesce(started_at, queued_at), finished_at FROM task_attempts
            WHERE run_id = $run AND finished_at IS NOT NULL AND status IN ('succeeded', 'failed')
            ORDER BY finished_at, task_key, attempt;
            """;
        command.Parameters.AddWithValue("$run", runId);
        var attempts = new List<EndedAttempt>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            attempts.Add(new EndedAttempt(reader.GetString(0), reader.GetInt32(1), reader.GetString(2) == "succeeded",
                UnixTime.FromMs(reader.GetInt64(3)), UnixTime.FromMs(reader.GetInt64(4))));
        }

        return attempts;
    }

    /// <summary>The run decider's notifications of a run, in the order they were committed.</summary>
    public async Task<IReadOnlyList<RunNotified>> NotificationsAsync(string runId, CancellationToken cancellationToken)
    {
        await using var connection = await store.OpenReadConnectionAsync(cancellationToken);
        return await NotificationRows.ReadAsync(connection, runId, cancellationToken);
    }
}

/// <summary>A monitor as saved: what a new host needs to carry on where the old one stopped.</summary>
public sealed record SavedMonitor(string RunId, SlaMonitorState State, IReadOnlyDictionary<string, DateTimeOffset> Timers,
    IReadOnlyList<AlertChannel> Channels);

/// <summary>A saved monitor and what became of its run; <see cref="Status"/> is null when the run was purged.</summary>
public sealed record RestoredMonitor(SavedMonitor Monitor, RunStatus? Status, DateTimeOffset? FinishedAt);

/// <summary>An attempt that ended, as the store recorded it.</summary>
public sealed record EndedAttempt(string TaskKey, int Attempt, bool Succeeded, DateTimeOffset StartedAt,
    DateTimeOffset FinishedAt);
