using Workflow.Engine.Handlers;

namespace Workflow.Engine.Runtime;

/// <summary>
/// A worker carrying out one delivery of an attempt: it runs the attempt through the shared
/// <see cref="TaskAttemptExecutor"/> under the lease's cancellation token, writes the log, and hands the outcome to
/// the writer.
/// </summary>
internal sealed class AttemptRunner(EngineRuntime engine)
{
    public async Task RunAsync(WorkItem item, Lease lease)
    {
        var time = engine.Time;
        var started = time.GetUtcNow();
        var delivery = ++item.Deliveries;
        engine.Writer.Post(new AttemptStartedOp(item, lease, started));
        TaskOutcome outcome;
        var log = engine.Logs.Open(item.RunId, item.TaskKey, item.Attempt);
        try
        {
            var attempt = new TaskAttempt
            {
                RunId = item.RunId,
                PipelineId = item.PipelineId,
                TaskKey = item.TaskKey,
                TaskId = item.TaskId,
                Attempt = item.Attempt,
                Kind = item.Kind,
                IdempotencyKey = item.Key,
                Delivery = delivery,
                Config = item.Config,
                Input = item.Input,
                ResumeState = item.ResumeState,
                Timeout = item.Timeout,
                KeepOutputInline = item.KeepOutputInline,
            };
            outcome = await engine.Executor.ExecuteAsync(attempt, log,
                () => lease.Extend(time.GetUtcNow() + engine.Options.LeaseDuration), lease.Cancellation.Token);
        }
        finally
        {
            await log.DisposeAsync();
        }

        lease.Finished = true;
        engine.Writer.Post(new AttemptCompletedOp(item, lease, outcome, started, time.GetUtcNow(), log.BytesWritten));
        engine.Dispatcher.Release(item.Pool);
    }
}
