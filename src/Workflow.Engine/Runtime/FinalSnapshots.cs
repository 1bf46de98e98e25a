using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Workflow.Engine.Storage;
using Workflow.Execution;

namespace Workflow.Engine.Runtime;

/// <summary>
/// The final snapshots of ended runs, saved after the end has committed (<see cref="RunShell.SnapshotLater"/>): the
/// state is serialized on the thread pool and saved by a <see cref="SnapshotSaveOp"/>. The engine's stop waits for
/// the ones under way before it closes the writer, and start-up saves any a crash left out
/// (<see cref="RepairMissing"/>), so a finished run is read from a snapshot, not by replaying all its events.
/// </summary>
internal sealed class FinalSnapshots(EngineRuntime engine)
{
    private readonly ConcurrentDictionary<long, Task> _underWay = new();
    private long _next;

    /// <summary>Serializes <paramref name="state"/> on the thread pool and posts its save.</summary>
    public void Save(string runId, long seq, RunState state)
    {
        var id = Interlocked.Increment(ref _next);
        // Listed before it starts, so a save that ends at once still finds its entry to remove.
        var work = new Task(() =>
        {
            try
            {
                engine.Writer.Post(new SnapshotSaveOp(runId, seq, EngineJson.SerializeState(state), engine.Logger));
            }
            catch (Exception ex)
            {
                // Only a shortcut is lost: reads replay the run's events, and the next start-up saves it.
                Log.SnapshotNotSaved(engine.Logger, runId, ex.Message);
            }
            finally
            {
                _underWay.TryRemove(id, out _);
            }
        });
        _underWay[id] = work;
        work.Start(TaskScheduler.Default);
    }

    /// <summary>Completes once every save begun so far has been posted to the writer.</summary>
    public Task PostedAsync() => Task.WhenAll(_underWay.Values);

    /// <summary>
    /// Start-up, on the writer: saves the final snapshot of each ended run still marked as due (the host died
    /// between the run's end and the save), and unmarks the runs purged since. Only the marked runs are read.
    /// </summary>
    public static int RepairMissing(WriteContext context)
    {
        var due = new List<string>();
        using (var command = context.Command("SELECT run_id FROM final_snapshots_due;"))
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                due.Add(reader.GetString(0));
            }
        }

        var saved = 0;
        foreach (var runId in due)
        {
            var (state, seq, snapshotSeq) = RunStateLoader.Load(context.Connection, context.Transaction, runId,
                message => Log.SnapshotUnreadable(context.Engine.Logger, runId, message));
            if (seq > snapshotSeq)
            {
                context.Sql.SaveFinalSnapshot(runId, seq, EngineJson.SerializeState(state));
                saved++;
            }
            else
            {
                context.Sql.UnmarkSnapshotDue(runId, seq);
            }
        }

        return saved;
    }
}
