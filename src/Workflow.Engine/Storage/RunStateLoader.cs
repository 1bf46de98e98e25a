using Microsoft.Data.Sqlite;
using Workflow.Execution;

namespace Workflow.Engine.Storage;

/// <summary>
/// A run's decider state as the store holds it: the last snapshot, then every event after it replayed. The snapshot
/// is only a shortcut. The final one is written after the run's end has committed (<c>RunShell.SnapshotLater</c>),
/// so a reader that comes first, or after a crash in between, replays what the snapshot would have saved.
/// </summary>
internal static class RunStateLoader
{
    /// <summary>
    /// The state, the sequence number of the last event in it and that of the snapshot it started from.
    /// </summary>
    /// <param name="connection">The connection to read with: the writer's (with its open transaction) or a reader's.</param>
    /// <param name="transaction">The writer's open transaction, or null on a read connection.</param>
    /// <param name="runId">The run.</param>
    /// <param name="unreadable">Told the error when the snapshot cannot be read; all events are replayed then.</param>
    public static (RunState State, long Seq, long SnapshotSeq) Load(SqliteConnection connection,
        SqliteTransaction? transaction, string runId, Action<string> unreadable)
    {
        var (state, snapshotSeq) = Snapshot(connection, transaction, runId, unreadable);
        var seq = snapshotSeq;
        using var events = SqliteStore.Command(connection, transaction, "SELECT seq, body FROM run_events WHERE run_id = $id AND seq > $after ORDER BY seq;");
        events.Parameters.AddWithValue("$id", runId);
        events.Parameters.AddWithValue("$after", seq);
        using var reader = events.ExecuteReader();
        while (reader.Read())
        {
            state = RunDecider.Decide(state, RunEventCodec.Decode(reader.GetValue(1))).State;
            seq = reader.GetInt64(0);
        }

        return (state, seq, snapshotSeq);
    }

    private static (RunState State, long Seq) Snapshot(SqliteConnection connection, SqliteTransaction? transaction,
        string runId, Action<string> unreadable)
    {
        using var snapshot = SqliteStore.Command(connection, transaction, "SELECT seq, state FROM run_snapshots WHERE run_id = $id;");
        snapshot.Parameters.AddWithValue("$id", runId);
        using var reader = snapshot.ExecuteReader();
        if (!reader.Read())
        {
            return (RunDecider.Initial, 0);
        }

        try
        {
            return (EngineJson.DeserializeState(reader.GetString(1)), reader.GetInt64(0));
        }
        catch (System.Text.Json.JsonException ex)
        {
            unreadable(ex.Message);
            return (RunDecider.Initial, 0);
        }
    }
}
