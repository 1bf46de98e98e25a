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
        context.Sql.Write("""
            INSERT INTO runs (run_id, pipeline_id, pipeline_version, owner_group, status, trigger, logical_time,
                created_at, created_by, started_at, parameters, rerun_of, parent_run_id, parent_task_key, parent_attempt)
            VALUES ($1, $2, $3, $4, 'running', $5, $6, $7, $8, $7, $9, $10, $11, $12, $13);
            """, creation.RunId, creation.Definition.Id, creation.Definition.Version, creation.Definition.OwnerGroup,
            EnumNames<RunTrigger>.Name(creation.Trigger), UnixTime.ToMs(creation.LogicalTime), UnixTime.ToMs(now),
            creation.Actor, EngineJson.Raw(creation.Parameters), creation.RerunOf, creation.ParentRunId,
            creation.ParentTaskKey, creation.ParentAttempt);

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
        context.Sql.Write("UPDATE runs SET status = $1, finished_at = $2, summary = $3, last_seq = $4 WHERE run_id = $5;",
            EnumNames<RunStatus>.Name(complete.Status), UnixTime.ToMs(now),
            System.Text.Json.JsonSerializer.Serialize(complete.Summary, EngineJsonContext.Default.RunSummary), run.Seq,
            run.RunId);

        foreach (var key in run.Pending.Keys.ToList())
        {
            CancelAttempt(context, run, key);
        }

        if (run.Timers.Count > 0)
        {
            context.Sql.Write("DELETE FROM timers WHERE run_id = $1;", run.RunId);
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
            context.FollowUp(new RelayedEventOp(parent, new ChildRunCompleted(now, taskKey, attempt, run.RunId,
                complete.Status, SummaryJson(complete.Summary))));
        }
    }

    private static void StartChild(WriteContext context, ActiveRun parent, StartChildRun child)
    {
        var now = context.Now;
        if (context.Engine.Runs.ContainsKey(child.ChildRunId) || RunRows.Exists(context, child.ChildRunId))
        {
            return;
        }

        var definition = PipelineRows.Current(context.ReadConnection, null, child.PipelineId);
        var parameters = definition is null ? null : Parameters.RunParameters.Resolve(definition, child.Parameters);
        if (definition is null || parameters is { IsValid: false })
        {
            if (parameters is null)
            {
                Log.ChildPipelineMissing(context.Engine.Logger, parent.RunId, child.PipelineId);
            }
            else
            {
                Log.ChildParametersRefused(context.Engine.Logger, parent.RunId, child.PipelineId,
                    string.Join(" ", parameters.Errors));
            }

            context.FollowUp(new RelayedEventOp(parent.RunId, new ChildRunCompleted(now, child.TaskKey, child.Attempt,
                child.ChildRunId, RunStatus.Failed, null)));
            return;
        }

        Create(context, new RunCreation(child.ChildRunId, definition, RunTrigger.Parent, parent.RunId, parameters!.Values,
            parent.LogicalTime, ParentRunId: parent.RunId, ParentTaskKey: child.TaskKey, ParentAttempt: child.Attempt));
    }
}
