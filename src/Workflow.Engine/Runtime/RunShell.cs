using System.Text.Json;
using Workflow.Engine.Storage;
using Workflow.Execution;
using Workflow.Runtime.Handlers;

namespace Workflow.Engine.Runtime;

/// <summary>
/// The embedded shell around the run decider: it appends each event, asks the decider, and carries out the
/// commands in the same transaction, so an event and its consequences become durable together or not at all.
/// </summary>
internal static partial class RunShell
{
    public static void ApplyEvent(WriteContext context, ActiveRun run, RunEvent @event)
    {
        var decision = RunDecider.Decide(run.State, @event);
        run.Seq++;
        context.Sql.InsertEvent(run.RunId, run.Seq, @event.GetType().Name, UnixTime.ToMs(@event.At),
            context.Engine.Options.Durable ? EngineJson.Serialize(@event) : string.Empty);
        run.State = decision.State;
        foreach (var command in decision.Commands)
        {
            Execute(context, run, command, @event);
        }

        var threshold = Math.Max(context.Engine.Options.SnapshotMinEvents, run.Definition.Tasks.Count);
        if (context.Engine.Runs.ContainsKey(run.RunId) && run.Seq - run.SnapshotSeq >= threshold)
        {
            Snapshot(context, run);
        }
    }

    public static void Snapshot(WriteContext context, ActiveRun run)
    {
        if (context.Engine.Options.Durable)
        {
            context.Sql.UpsertSnapshot(run.RunId, run.Seq, EngineJson.SerializeState(run.State));
        }

        run.SnapshotSeq = run.Seq;
    }

    private static void Execute(WriteContext context, ActiveRun run, RunCommand command, RunEvent cause)
    {
        switch (command)
        {
            case RunTask task:
                Enqueue(context, run, task);
                break;
            case StartTimer timer:
                run.Timers[timer.TimerId] = timer.DueAt;
                context.Sql.InsertTimer(run.RunId, timer.TimerId, UnixTime.ToMs(timer.DueAt),
                    EnumNames<TimerPurpose>.Name(timer.Purpose), timer.TaskKey);
                var engine = context.Engine;
                var (runId, timerId, due) = (run.RunId, timer.TimerId, timer.DueAt);
                context.AfterCommit(() => engine.Timers.Schedule(due,
                    () => engine.Writer.Post(new TimerFiredOp(runId, timerId, due))));
                break;
            case CancelTimer cancel:
                if (run.Timers.Remove(cancel.TimerId))
                {
                    context.Sql.DeleteTimer(run.RunId, cancel.TimerId);
                }

                break;
            case CancelTask cancel:
                // The decider cancels an attempt when its timeout timer fires, or when the run or task is cancelled.
                if (cause is TimerFired)
                {
                    CancelAttempt(context, run, WorkItem.MakeKey(run.RunId, cancel.TaskKey, cancel.Attempt), "failed",
                        Workflow.Model.ErrorKinds.Timeout, "The attempt ran longer than its timeout and was stopped.");
                }
                else
                {
                    CancelAttempt(context, run, WorkItem.MakeKey(run.RunId, cancel.TaskKey, cancel.Attempt));
                }

                CancelChild(context, run, cancel);
                break;
            case StartChildRun child:
                StartChild(context, run, child);
                break;
            case Notify notify:
                if (context.Engine.Options is { Durable: true, RecordNotifications: true })
                {
                    Alerts.NotificationRows.Insert(context.Sql, run.RunId, run.Seq, notify);
                }

                var info = run.Info;
                context.AfterCommit(() => context.Engine.Observers.Publish(o => o.Notified(info, notify)));
                break;
            case CompleteRun complete:
                Complete(context, run, complete);
                break;
        }
    }

    private static void Enqueue(WriteContext context, ActiveRun run, RunTask task)
    {
        var engine = context.Engine;
        var pool = string.IsNullOrEmpty(task.Pool) ? engine.Handlers.Find(task.Kind)?.DefaultPool ?? "io" : task.Pool;
        var item = new WorkItem(new TaskAttempt(run.RunId, run.PipelineId, task), pool)
        {
            Sequence = engine.NextSequence(),
        };
        run.Pending[item.Key] = item;
        context.Sql.InsertAttempt(run.RunId, task.TaskKey, task.Attempt, task.TaskId, task.Kind, pool, task.Priority,
            task.Rank, EngineJson.Raw(task.Config), EngineJson.Raw(task.Input),
            task.Timeout is { } t ? (long)t.TotalMilliseconds : null, item.Key, context.NowMs);
        context.Dispatch(item);
    }

    private static void CancelAttempt(WriteContext context, ActiveRun run, string key, string status = "cancelled",
        string errorKind = Workflow.Model.ErrorKinds.Cancelled, string error = "The attempt was cancelled.")
    {
        if (!run.Pending.Remove(key, out var item))
        {
            return;
        }

        item.Cancelled = true;
        context.Sql.FinishAttempt(run.RunId, item.TaskKey, item.Attempt, status, context.NowMs, errorKind, error, null, 0);
        var leases = context.Engine.Leases;
        context.AfterCommit(() =>
        {
            if (leases.TryGet(key, out var lease))
            {
                lease.Cancel();
            }
        });
    }

    /// <summary>A sub-pipeline task that is stopped (its run cancelled, or its timeout) cancels its child run.</summary>
    private static void CancelChild(WriteContext context, ActiveRun run, CancelTask cancel)
    {
        var childId = ChildRunIds.For(run.RunId, cancel.TaskKey, cancel.Attempt);
        if (context.Engine.Runs.ContainsKey(childId))
        {
            context.FollowUp(new RelayedEventOp(childId, new CancelRequested(context.Now, null,
                $"The parent run '{run.RunId}' stopped task '{cancel.TaskKey}'.")));
        }
    }

    private static JsonElement SummaryJson(RunSummary summary) =>
        JsonSerializer.SerializeToElement(summary, EngineJsonContext.Default.RunSummary);
}
