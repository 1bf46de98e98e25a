using Workflow.Engine.Storage;
using Workflow.Execution;
using Workflow.Model;
using Workflow.Runtime.Handlers;

namespace Workflow.Engine.Runtime;

/// <summary>
/// Carries out the run decider's commands in the event's transaction: work items for <see cref="RunTask"/>, timer
/// rows, cancellations, child runs, notifications and the run's end.
/// </summary>
internal static class DeciderCommands
{
    public static void Execute(WriteContext context, ActiveRun run, RunCommand command, RunEvent cause)
    {
        switch (command)
        {
            case RunTask task:
                Enqueue(context, run, task);
                break;
            case StartTimer timer:
                StartTimer(context, run, timer);
                break;
            case CancelTimer cancel:
                if (run.Timers.Remove(cancel.TimerId))
                {
                    context.Sql.DeleteTimer(run.RunId, cancel.TimerId);
                }

                break;
            case CancelTask cancel:
                // The decider cancels an attempt when its timeout timer fires, or when the run or task is cancelled.
                var key = RunTask.IdempotencyKeyFor(run.RunId, cancel.TaskKey, cancel.Attempt);
                if (cause is TimerFired)
                {
                    // Its log says so too: a reader of the log alone sees why it stops.
                    AttemptCancellation.Cancel(context, run, key, Execution.TaskStatus.Failed,
                        Workflow.Model.ErrorKinds.Timeout, cancel.Reason ?? "The attempt ran past its timeout.",
                        logged: true);
                }
                else
                {
                    AttemptCancellation.Cancel(context, run, key);
                }

                ChildRuns.Cancel(context, run, cancel);
                break;
            case StartChildRun child:
                ChildRuns.Start(context, run, child);
                break;
            case Notify notify:
                Notify(context, run, notify);
                break;
            case CompleteRun complete:
                RunEnd.Complete(context, run, complete);
                break;
        }
    }

    private static void Enqueue(WriteContext context, ActiveRun run, RunTask task)
    {
        var engine = context.Engine;
        var pool = task.Pool; // the decider resolved it (TaskPools.Of)
        var item = new WorkItem(new TaskAttempt(run.RunId, run.PipelineId, task), pool)
        {
            Sequence = engine.NextSequence(),
        };
        run.Pending[item.Key] = item;
        context.Sql.InsertAttempt(run.RunId, task, pool, context.NowMs);
        context.Dispatch(item);
    }

    private static void StartTimer(WriteContext context, ActiveRun run, StartTimer timer)
    {
        run.Timers[timer.TimerId] = timer.DueAt;
        context.Sql.InsertTimer(run.RunId, timer.TimerId, UnixTime.ToMs(timer.DueAt),
            EnumNames<TimerPurpose>.Name(timer.Purpose), timer.TaskKey);
        var engine = context.Engine;
        var (runId, timerId, due) = (run.RunId, timer.TimerId, timer.DueAt);
        context.AfterCommit(() => engine.Timers.Schedule(due,
            () => engine.Writer.Post(new TimerFiredOp(runId, timerId, due))));
    }

    private static void Notify(WriteContext context, ActiveRun run, Notify notify)
    {
        if (context.Engine.Options is { Durable: true, RecordNotifications: true })
        {
            Alerts.NotificationRows.Insert(context.Sql, run.RunId, run.Seq, notify);
        }

        var info = run.Info;
        context.AfterCommit(() => context.Engine.Observers.Publish(o => o.Notified(info, notify)));
    }
}
