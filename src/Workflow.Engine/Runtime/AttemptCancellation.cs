using Workflow.Engine.Storage;

namespace Workflow.Engine.Runtime;

/// <summary>
/// Stops an attempt that is queued or running: its row is finished with the given status, and once that is
/// committed its lease is cancelled, so the handler stops and its late outcome is ignored.
/// </summary>
internal static class AttemptCancellation
{
    public static void Cancel(WriteContext context, ActiveRun run, string key,
        Execution.TaskStatus status = Execution.TaskStatus.Cancelled,
        string errorKind = Workflow.Model.ErrorKinds.Cancelled, string error = "The attempt was cancelled.")
    {
        if (!run.Pending.Remove(key, out var item))
        {
            return;
        }

        item.Cancelled = true;
        context.Sql.FinishAttempt(run.RunId, item.TaskKey, item.Attempt, EnumNames<Execution.TaskStatus>.Name(status),
            context.NowMs, errorKind, error, SqlValue.Null, 0);
        var leases = context.Engine.Leases;
        context.AfterCommit(() =>
        {
            if (leases.TryGet(key, out var lease))
            {
                lease.Cancel();
            }
        });
    }
}
