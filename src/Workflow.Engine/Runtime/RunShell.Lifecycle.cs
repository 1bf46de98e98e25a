using Workflow.Engine.Storage;
using Workflow.Execution;
using Workflow.Model;
using Workflow.Services;

namespace Workflow.Engine.Runtime;

internal static partial class RunShell
{
    /// <summary>Inserts the run and applies its <see cref="RunStarted"/> event; the caller has checked it is new.</summary>
    public static ActiveRun Create(WriteContext context, RunCreation creation)
    {
        var now = context.Now;
        using (var insert = context.Command("""
            INSERT INTO runs (run_id, pipeline_id, pipeline_version, owner_group, status, trigger, logical_time,
                created_at, created_by, started_at, parameters, rerun_of, parent_run_id, parent_task_key, parent_attempt)
            VALUES ($id, $p, $v, $g, 'running', $t, $l, $now, $by, $now, $params, $rerun, $parent, $ptask, $pattempt);
            """))
        {
            insert.Parameters.AddWithValue("$id", creation.RunId);
            insert.Parameters.AddWithValue("$p", creation.Definition.Id);
            insert.Parameters.AddWithValue("$v", creation.Definition.Version);
            insert.Parameters.AddWithValue("$g", creation.Definition.OwnerGroup);
            insert.Parameters.AddWithValue("$t", EnumNames<RunTrigger>.Name(creation.Trigger));
            insert.Parameters.AddWithValue("$l", UnixTime.ToMs(creation.LogicalTime));
            insert.Parameters.AddWithValue("$now", UnixTime.ToMs(now));
            insert.Parameters.AddWithValue("$by", creation.Actor);
            insert.Parameters.AddWithValue("$params", (object?)EngineJson.Raw(creation.Parameters) ?? DBNull.Value);
            insert.Parameters.AddWithValue("$rerun", (object?)creation.RerunOf ?? DBNull.Value);
            insert.Parameters.AddWithValue("$parent", (object?)creation.ParentRunId ?? DBNull.Value);
            insert.Parameters.AddWithValue("$ptask", (object?)creation.ParentTaskKey ?? DBNull.Value);
            insert.Parameters.AddWithValue("$pattempt", (object?)creation.ParentAttempt ?? DBNull.Value);
            insert.ExecuteNonQuery();
        }

        var run = new ActiveRun(creation.RunId, creation.Definition, RunDecider.Initial)
        {
            LogicalTime = creation.LogicalTime,
            ParentRunId = creation.ParentRunId,
            ParentTaskKey = creation.ParentTaskKey,
            ParentAttempt = creation.ParentAttempt,
        };
        context.Engine.Runs[run.RunId] = run;
        var info = run.Info;
        context.AfterCommit(() => context.Engine.Observers.Publish(o => o.RunStarted(info, now)));
        try
        {
            ApplyEvent(context, run, new RunStarted(now, creation.RunId, creation.Definition, creation.Parameters,
                creation.LogicalTime, creation.PriorResults, creation.ExpectedDurations));
        }
        catch
        {
            context.Engine.Runs.Remove(run.RunId);
            throw;
        }

        return run;
    }

    private static void Complete(WriteContext context, ActiveRun run, CompleteRun complete)
    {
        var engine = context.Engine;
        var now = context.Now;
        using (var update = context.Command(
                   "UPDATE runs SET status = $s, finished_at = $f, summary = $sum, last_seq = $seq WHERE run_id = $id;"))
        {
            update.Parameters.AddWithValue("$s", EnumNames<RunStatus>.Name(complete.Status));
            update.Parameters.AddWithValue("$f", UnixTime.ToMs(now));
            update.Parameters.AddWithValue("$sum", System.Text.Json.JsonSerializer.Serialize(complete.Summary,
                EngineJsonContext.Default.RunSummary));
            update.Parameters.AddWithValue("$seq", run.Seq);
            update.Parameters.AddWithValue("$id", run.RunId);
            update.ExecuteNonQuery();
        }

        foreach (var key in run.Pending.Keys.ToList())
        {
            CancelAttempt(context, run, key);
        }

        if (run.Timers.Count > 0)
        {
            using var timers = context.Command("DELETE FROM timers WHERE run_id = $id;");
            timers.Parameters.AddWithValue("$id", run.RunId);
            timers.ExecuteNonQuery();
            run.Timers.Clear();
        }

        Snapshot(context, run);
        engine.Runs.Remove(run.RunId);
        var info = run.Info;
        context.AfterCommit(() =>
        {
            engine.Observers.Publish(o => o.RunCompleted(info, complete.Status, complete.Summary, now));
            engine.Waiters.Complete(info.RunId, complete.Status);
        });
        if (run is { ParentRunId: { } parent, ParentTaskKey: { } taskKey, ParentAttempt: { } attempt })
        {
            context.FollowUp(new ChildCompletedOp(parent, new ChildRunCompleted(now, taskKey, attempt, run.RunId,
                complete.Status, SummaryJson(complete.Summary))));
        }
    }

    private static void StartChild(WriteContext context, ActiveRun parent, StartChildRun child)
    {
        var now = context.Now;
        if (RunRows.Exists(context, child.ChildRunId))
        {
            return;
        }

        var definition = PipelineRows.Current(context.Connection, context.Transaction, child.PipelineId);
        if (definition is null)
        {
            Log.ChildPipelineMissing(context.Engine.Logger, parent.RunId, child.PipelineId);
            context.FollowUp(new ChildCompletedOp(parent.RunId, new ChildRunCompleted(now, child.TaskKey, child.Attempt,
                child.ChildRunId, RunStatus.Failed, null)));
            return;
        }

        Create(context, new RunCreation(child.ChildRunId, definition, RunTrigger.Parent, parent.RunId, child.Parameters,
            parent.LogicalTime, ParentRunId: parent.RunId, ParentTaskKey: child.TaskKey, ParentAttempt: child.Attempt));
    }
}
