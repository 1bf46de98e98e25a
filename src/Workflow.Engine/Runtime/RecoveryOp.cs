using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Workflow.Engine.Storage;
using Workflow.Execution;

namespace Workflow.Engine.Runtime;

/// <summary>What start-up found to resume.</summary>
internal sealed record Recovered(int Runs, int WorkItems, int Timers);

/// <summary>
/// Start-up: rebuilds each active run's decider state from its last snapshot plus the events after it (their
/// commands were made durable with them, so they are not carried out again), turns the work that was in flight
/// back into queued work (at least once), and arms the stored timers; overdue ones fire at once, except the
/// timeouts of the attempts that run again, which count from their new delivery.
/// </summary>
internal sealed class RecoveryOp : WriteOp<Recovered>
{
    protected override Recovered Execute(WriteContext context)
    {
        var engine = context.Engine;
        var runs = LoadRuns(context);
        foreach (var run in runs)
        {
            Rebuild(context, run);
            engine.Runs[run.RunId] = run;
        }

        if (engine.Options.Durable)
        {
            FinalSnapshots.RepairMissing(context);
        }

        var items = RecoveryQueries.PendingAttempts(context, engine.Runs);
        var resumed = 0;
        foreach (var (item, availableAt) in items)
        {
            if (!engine.Runs.TryGetValue(item.RunId, out var run))
            {
                context.Sql.FinishAttempt(item.RunId, item.TaskKey, item.Attempt,
                    EnumNames<Execution.TaskStatus>.Name(Execution.TaskStatus.Cancelled), context.NowMs,
                    Workflow.Model.ErrorKinds.Cancelled, "The run had already finished.", SqlValue.Null, 0);
                continue;
            }

            item.Sequence = engine.NextSequence();
            run.Pending[item.Key] = item;
            resumed++;
            if (availableAt is { } at && at > context.Now)
            {
                context.AfterCommit(() => engine.Timers.Schedule(at, () =>
                {
                    if (!item.Cancelled)
                    {
                        engine.Dispatcher.Enqueue(item);
                    }
                }));
            }
            else
            {
                context.AfterCommit(() => engine.Dispatcher.Enqueue(item));
            }
        }

        using (var reset = context.Command(
                   "UPDATE task_attempts SET status = 'queued', lease_expires_at = NULL WHERE status = 'running';"))
        {
            reset.ExecuteNonQuery();
        }

        // The timeout of an attempt that runs again counts from its new delivery, never from before the downtime:
        // it stays parked until AttemptStartedOp arms it.
        var redelivered = items.Select(i => (i.Item.RunId, TimerIds.For(i.Item.TaskKey, TimerPurpose.Timeout,
            i.Item.Attempt))).ToHashSet();
        var timers = 0;
        foreach (var (runId, timerId, due) in RecoveryQueries.Timers(context))
        {
            if (!engine.Runs.TryGetValue(runId, out var run))
            {
                context.Sql.DeleteTimer(runId, timerId);
                continue;
            }

            timers++;
            if (redelivered.Contains((runId, timerId)))
            {
                run.Timers[timerId] = DateTimeOffset.MaxValue;
                continue;
            }

            run.Timers[timerId] = due;
            context.AfterCommit(() => engine.Timers.Schedule(due,
                () => engine.Writer.Post(new TimerFiredOp(runId, timerId, due))));
        }

        return new Recovered(runs.Count, resumed, timers);
    }

    private static List<ActiveRun> LoadRuns(WriteContext context)
    {
        var found = new List<(string RunId, string PipelineId, int Version, long Logical, string? Parent, string? Task, int? Attempt)>();
        using (var command = context.Command("""
            SELECT run_id, pipeline_id, pipeline_version, logical_time, parent_run_id, parent_task_key, parent_attempt
            FROM runs WHERE status IN ('queued', 'running');
            """))
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                found.Add((reader.GetString(0), reader.GetString(1), reader.GetInt32(2), reader.GetInt64(3),
                    reader.IsDBNull(4) ? null : reader.GetString(4), reader.IsDBNull(5) ? null : reader.GetString(5),
                    reader.IsDBNull(6) ? null : reader.GetInt32(6)));
            }
        }

        var runs = new List<ActiveRun>(found.Count);
        foreach (var row in found)
        {
            var definition = PipelineRows.Version(context.Connection, context.Transaction, row.PipelineId, row.Version)
                ?? throw new InvalidOperationException(
                    $"Run '{row.RunId}' is pinned to version {row.Version} of pipeline '{row.PipelineId}', which is missing.");
            runs.Add(new ActiveRun(row.RunId, definition, RunDecider.Initial)
            {
                LogicalTime = UnixTime.FromMs(row.Logical),
                ParentRunId = row.Parent,
                ParentTaskKey = row.Task,
                ParentAttempt = row.Attempt,
            });
        }

        return runs;
    }

    private static void Rebuild(WriteContext context, ActiveRun run)
    {
        (run.State, run.Seq, run.SnapshotSeq) = RunStateLoader.Load(context.Connection, context.Transaction, run.RunId,
            message => Log.SnapshotUnreadable(context.Engine.Logger, run.RunId, message));
    }
}
