using Workflow.Engine.Logs;
using Workflow.Model;
using Workflow.Runtime.Handlers;

namespace Workflow.Engine.Runtime;

/// <summary>
/// A worker carrying out one delivery of an attempt: it commits the delivery's start, runs the attempt through the
/// shared <see cref="TaskAttemptExecutor"/> under the lease's cancellation token, writes the log (ending it with the
/// reason the engine cancelled the attempt, <see cref="CancelNotes"/>), and hands the outcome to the writer.
/// </summary>
internal sealed class AttemptRunner(EngineRuntime engine)
{
    public async Task RunAsync(WorkItem item, Lease lease)
    {
        var time = engine.Time;
        var started = time.GetUtcNow();
        var attempt = item.StartDelivery();
        if (!await RecordStartAsync(item, lease, started))
        {
            if (lease.CloseLog(saysWhy: false) is { } reason)
            {
                CancelNotes.AppendLater(engine.Logs, item.RunId, item.TaskKey, item.Attempt, reason);
            }

            engine.Dispatcher.Release(item.Pool);
            return;
        }

        TaskOutcome outcome;
        var log = engine.Logs.Open(item.RunId, item.TaskKey, item.Attempt);
        try
        {
            outcome = await engine.Executor.ExecuteAsync(attempt, log,
                () => lease.Extend(time.GetUtcNow() + engine.Options.LeaseDuration), lease.Cancellation.Token);
            // The executor wrote its own timeout's line; a cancellation it saw only as a cancelled token gets the
            // engine's reason.
            var timedOut = outcome is TaskFailedOutcome { ErrorKind: ErrorKinds.Timeout };
            if (lease.CloseLog(saysWhy: timedOut) is { } reason && !timedOut)
            {
                log.WriteLine(CancelNotes.Line(reason));
            }
        }
        finally
        {
            lease.CloseLog(saysWhy: false);
            await log.DisposeAsync();
        }

        engine.Writer.Post(new AttemptCompletedOp(item, lease, outcome, started, time.GetUtcNow(), log.BytesWritten));
        engine.Dispatcher.Release(item.Pool);
    }

    /// <summary>
    /// Commits the delivery before the handler runs, so every execution is counted even if the host dies during
    /// it. False when it must not run: the attempt was cancelled, its lease lost, or the engine is stopping.
    /// </summary>
    private async Task<bool> RecordStartAsync(WorkItem item, Lease lease, DateTimeOffset started)
    {
        var op = new AttemptStartedOp(item, lease, started);
        engine.Writer.Post(op);
        try
        {
            // Yield even when the commit already finished: the dispatcher may launch this worker inline on a timer or
            // lease-keeper thread, and the handler must run on the pool, not on that loop.
            if (await op.Result.ConfigureAwait(ConfigureAwaitOptions.ForceYielding))
            {
                return true;
            }
        }
        catch (InvalidOperationException)
        {
            // The writer stopped: the attempt stays queued in the store and runs after the restart.
        }

        engine.Leases.TryRelease(lease);
        lease.Dispose();
        return false;
    }
}
