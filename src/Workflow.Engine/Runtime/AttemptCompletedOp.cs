using Workflow.Engine.Storage;
using Workflow.Execution;
using Workflow.Runtime.Handlers;

namespace Workflow.Engine.Runtime;

/// <summary>
/// Records the outcome of a delivery, exactly once: only the holder of the live lease gets through, and the
/// attempt row (with the duration of a success), the event and the decider's follow-up commands commit together.
/// </summary>
internal sealed class AttemptCompletedOp(WorkItem item, Lease lease, TaskOutcome outcome, DateTimeOffset startedAt,
    DateTimeOffset finishedAt, long logBytes) : WriteOp
{
    public override void Apply(WriteContext context)
    {
        var engine = context.Engine;
        var released = engine.Leases.TryRelease(lease);
        lease.Dispose();
        if (!released)
        {
            Log.LateCompletionIgnored(engine.Logger, item.Key, lease.Token, outcome.GetType().Name);
            return;
        }

        if (item.Cancelled)
        {
            // The canceller finished the row (a timeout, a cancel) while this worker still held the log, so it could
            // not know the log's size: the row gets it now, as a completion would have given it.
            context.Sql.Write(
                "UPDATE task_attempts SET log_bytes = $1 WHERE run_id = $2 AND task_key = $3 AND attempt = $4;",
                logBytes, item.RunId, item.TaskKey, item.Attempt);
            return;
        }

        if (!engine.Runs.TryGetValue(item.RunId, out var run) || !run.Pending.ContainsKey(item.Key))
        {
            return;
        }

        var sql = context.Sql;
        var finishedMs = UnixTime.ToMs(finishedAt);
        switch (outcome)
        {
            case TaskSuspendedOutcome suspended:
                item.Suspend(suspended.State);
                sql.SuspendAttempt(item.RunId, item.TaskKey, item.Attempt, UnixTime.ToMs(suspended.ResumeAt),
                    SqlValue.Json(suspended.State), logBytes);
                context.AfterCommit(() => engine.Timers.Schedule(suspended.ResumeAt, () =>
                {
                    if (!item.Cancelled)
                    {
                        engine.Dispatcher.Enqueue(item);
                    }
                }));
                return;
            case TaskSucceededOutcome succeeded:
                run.Pending.Remove(item.Key);
                sql.FinishAttempt(item.RunId, item.TaskKey, item.Attempt,
                    EnumNames<Execution.TaskStatus>.Name(Execution.TaskStatus.Succeeded), finishedMs, null, null,
                    SqlValue.Json(succeeded.Output), logBytes, UnixTime.ToMs(startedAt), item.Deliveries,
                    (long)(finishedAt - startedAt).TotalMilliseconds);
                Publish(context, run, true, null);
                RunShell.ApplyEvent(context, run, new TaskSucceeded(finishedAt, item.TaskKey, item.Attempt, succeeded.Output));
                return;
            case TaskFailedOutcome failed:
                run.Pending.Remove(item.Key);
                sql.FinishAttempt(item.RunId, item.TaskKey, item.Attempt,
                    EnumNames<Execution.TaskStatus>.Name(Execution.TaskStatus.Failed), finishedMs, failed.ErrorKind,
                    failed.Message, SqlValue.Null, logBytes, UnixTime.ToMs(startedAt), item.Deliveries);
                Publish(context, run, false, failed.ErrorKind);
                RunShell.ApplyEvent(context, run,
                    new TaskFailed(finishedAt, item.TaskKey, item.Attempt, failed.ErrorKind, failed.Message));
                return;
        }
    }

    private void Publish(WriteContext context, ActiveRun run, bool succeeded, string? errorKind)
    {
        var observers = context.Engine.Observers;
        if (!observers.Active)
        {
            return;
        }

        var info = run.Info;
        var finish = new TaskFinish(item.TaskKey, item.TaskId, item.Attempt, succeeded, errorKind, startedAt, finishedAt);
        context.AfterCommit(() => observers.Publish(o => o.TaskFinished(info, finish)));
    }
}
