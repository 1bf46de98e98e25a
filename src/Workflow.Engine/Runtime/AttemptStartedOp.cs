using Workflow.Engine.Storage;
using Workflow.Execution;

namespace Workflow.Engine.Runtime;

/// <summary>
/// Records that a delivery began: the row turns <c>running</c> with its lease expiry and delivery count, and the
/// attempt's timeout timer is moved to count from this start, so time spent queued or with the host down is never
/// taken for the task running too long.
/// </summary>
/// <remarks>
/// The worker awaits this op before the handler starts, so a crash at any moment after a side effect began leaves
/// that delivery counted in <c>deliveries</c>; its result says whether the delivery may run at all.
/// </remarks>
internal sealed class AttemptStartedOp(WorkItem item, Lease lease, DateTimeOffset startedAt) : WriteOp<bool>
{
    // A plain op in the group commit: it writes one row, and a failure fails the whole batch anyway.
    public override bool Isolated => false;

    protected override bool Execute(WriteContext context)
    {
        if (item.Cancelled || !context.Engine.Leases.IsCurrent(lease))
        {
            return false;
        }

        context.Sql.MarkStarted(item.RunId, item.TaskKey, item.Attempt, UnixTime.ToMs(startedAt),
            UnixTime.ToMs(lease.ExpiresAt), item.Deliveries);

        ArmTimeout(context);
        if (context.Engine.Observers.Active && context.Engine.Runs.TryGetValue(item.RunId, out var run))
        {
            var info = run.Info;
            context.AfterCommit(() => context.Engine.Observers.Publish(
                o => o.TaskStarted(info, item.TaskKey, item.Attempt, startedAt)));
        }

        return true;
    }

    private void ArmTimeout(WriteContext context)
    {
        var engine = context.Engine;
        var timerId = TimerIds.For(item.TaskKey, TimerPurpose.Timeout, item.Attempt);
        if (item.Timeout is not { } timeout || !engine.Runs.TryGetValue(item.RunId, out var run) ||
            !run.Timers.ContainsKey(timerId))
        {
            return;
        }

        var due = startedAt + timeout;
        run.Timers[timerId] = due;
        context.Sql.InsertTimer(item.RunId, timerId, UnixTime.ToMs(due), EnumNames<TimerPurpose>.Name(TimerPurpose.Timeout),
            item.TaskKey);
        var runId = item.RunId;
        context.AfterCommit(() => engine.Timers.Schedule(due,
            () => engine.Writer.Post(new TimerFiredOp(runId, timerId, due))));
    }
}
