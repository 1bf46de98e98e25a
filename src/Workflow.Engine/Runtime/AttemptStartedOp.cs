using Workflow.Engine.Storage;

namespace Workflow.Engine.Runtime;

/// <summary>Records that a delivery began: the row turns <c>running</c> with its lease expiry and delivery count.</summary>
internal sealed class AttemptStartedOp(WorkItem item, Lease lease, DateTimeOffset startedAt) : WriteOp
{
    public override void Apply(WriteContext context)
    {
        if (item.Cancelled || !context.Engine.Leases.IsCurrent(lease))
        {
            return;
        }

        // A short task has usually finished before its start is written: the completion records both.
        if (!lease.Finished)
        {
            context.Sql.MarkStarted(item.RunId, item.TaskKey, item.Attempt, UnixTime.ToMs(startedAt),
                UnixTime.ToMs(lease.ExpiresAt), item.Deliveries);
        }

        if (context.Engine.Observers.Active && context.Engine.Runs.TryGetValue(item.RunId, out var run))
        {
            var info = run.Info;
            context.AfterCommit(() => context.Engine.Observers.Publish(
                o => o.TaskStarted(info, item.TaskKey, item.Attempt, startedAt)));
        }
    }
}
