using System.Text.Json;
using Workflow.Engine.Storage;
using Workflow.Execution;

namespace Workflow.Engine.Runtime;

/// <summary>
/// A run's end (<see cref="CompleteRun"/>): the run row gets its status and summary, the attempts still pending are
/// cancelled, its timers dropped, its durations added to the history, and after the commit the observers, the
/// waiters and a parent run hear of it, and its final snapshot is saved (<see cref="RunShell.SnapshotLater"/>).
/// </summary>
internal static class RunEnd
{
    public static void Complete(WriteContext context, ActiveRun run, CompleteRun complete)
    {
        var engine = context.Engine;
        var now = context.Now;
        RunRows.Finish(context.Sql, run.RunId, complete, now, run.Seq);
        context.Sql.RecordDurations(run.PipelineId, run.RunId, engine.Options.DurationHistoryWindow);
        foreach (var key in run.Pending.Keys.ToList())
        {
            AttemptCancellation.Cancel(context, run, key);
        }

        if (run.Timers.Count > 0)
        {
            context.Sql.Write("DELETE FROM timers WHERE run_id = $1;", run.RunId);
            run.Timers.Clear();
        }

        RunShell.SnapshotLater(context, run);
        engine.Runs.Remove(run.RunId);
        var info = run.Info;
        context.AfterCommit(() =>
        {
            engine.Observers.Publish(o => o.RunCompleted(info, complete.Status, complete.Summary, now));
            engine.Waiters.Complete(info.RunId, complete.Status);
        });
        if (run is { ParentRunId: { } parent, ParentTaskKey: { } taskKey, ParentAttempt: { } attempt })
        {
            context.FollowUp(new RelayedEventOp(parent, new ChildRunCompleted(now, taskKey, attempt, run.RunId,
                complete.Status, JsonSerializer.SerializeToElement(complete.Summary, EngineJsonContext.Default.RunSummary))));
        }
    }
}
