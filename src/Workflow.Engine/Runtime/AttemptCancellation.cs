using Workflow.Engine.Logs;
using Workflow.Engine.Storage;

namespace Workflow.Engine.Runtime;

/// <summary>
/// Stops an attempt that is queued or running: its row is finished with the given status, and once that is
/// committed its lease is cancelled, so the handler stops and its late outcome is ignored.
/// </summary>
internal static class AttemptCancellation
{
    /// <summary>Cancels the attempt; its log is left as it is.</summary>
    public static void Cancel(WriteContext context, ActiveRun run, string key) =>
        Cancel(context, run, key, Execution.TaskStatus.Cancelled, Workflow.Model.ErrorKinds.Cancelled,
            "The attempt was cancelled.", logged: false);

    /// <summary>
    /// Finishes the attempt with <paramref name="status"/> and <paramref name="error"/>; when
    /// <paramref name="logged"/>, the error is also the last line of the attempt's log (<see cref="CancelNotes"/>),
    /// written by its worker if one holds the log, else appended here.
    /// </summary>
    public static void Cancel(WriteContext context, ActiveRun run, string key, Execution.TaskStatus status,
        string errorKind, string error, bool logged)
    {
        if (!run.Pending.Remove(key, out var item))
        {
            return;
        }

        item.Cancelled = true;
        context.Sql.FinishAttempt(run.RunId, item.TaskKey, item.Attempt, EnumNames<Execution.TaskStatus>.Name(status),
            context.NowMs, errorKind, error, SqlValue.Null, 0);
        var engine = context.Engine;
        // Taken now, on the writer: by the time the commit is done the worker's completion may have released it, and
        // only this lease knows whether the worker's log already says why the attempt ended.
        Lease? held = engine.Leases.TryGet(key, out var current) ? current : null;
        context.AfterCommit(() =>
        {
            var lease = held ?? (engine.Leases.TryGet(key, out var later) ? later : null);
            if (!logged)
            {
                lease?.Cancel();
            }
            else if (lease is null || !lease.Cancel(error))
            {
                // Queued (no worker will start it: it is marked cancelled) or its worker is done with the log.
                CancelNotes.AppendLater(engine.Logs, item.RunId, item.TaskKey, item.Attempt, error);
            }
        });
    }
}
