using Microsoft.Extensions.Logging;
using Workflow.Engine.Handlers;
using Workflow.Engine.Logs;
using Workflow.Model;

namespace Workflow.Engine.Runtime;

/// <summary>
/// A worker carrying out one delivery of an attempt: it runs the handler under the lease's cancellation token and
/// the task's timeout, writes the log, spills a large output to a file, and hands the outcome to the writer.
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
            outcome = await ExecuteAsync(item, lease, delivery, log);
        }
        finally
        {
            await log.DisposeAsync();
        }

        lease.Finished = true;
        engine.Writer.Post(new AttemptCompletedOp(item, lease, outcome, started, time.GetUtcNow(), log.BytesWritten));
        engine.Dispatcher.Release(item.Pool);
    }

    private async Task<TaskOutcome> ExecuteAsync(WorkItem item, Lease lease, int delivery, TaskLogFile log)
    {
        var handler = engine.Handlers.Find(item.Kind);
        if (handler is null)
        {
            return TaskOutcome.Failure(ErrorKinds.InvalidInput,
                $"No handler serves task kind '{item.Kind}'. Register an ITaskHandler for it or use a built-in kind.");
        }

        using var timeout = item.Timeout is { } limit ? new CancellationTokenSource(limit, engine.Time) : null;
        using var linked = timeout is null
            ? null
            : CancellationTokenSource.CreateLinkedTokenSource(lease.Cancellation.Token, timeout.Token);
        var token = linked?.Token ?? lease.Cancellation.Token;
        var context = new TaskContext(() => lease.Extend(engine.Time.GetUtcNow() + engine.Options.LeaseDuration))
        {
            RunId = item.RunId,
            PipelineId = item.PipelineId,
            TaskKey = item.TaskKey,
            TaskId = item.TaskId,
            Attempt = item.Attempt,
            IdempotencyKey = item.Key,
            Delivery = delivery,
            Config = item.Config,
            Input = item.Input,
            ResumeState = item.ResumeState,
            Log = log,
            Outputs = engine.Outputs,
            Time = engine.Time,
        };
        try
        {
            var outcome = await handler.ExecuteAsync(context, token);
            if (outcome is TaskSucceededOutcome { Output: { } output })
            {
                var stored = await engine.Outputs.SpillIfLargeAsync(item.RunId, item.TaskKey, item.Attempt, output, token);
                outcome = new TaskSucceededOutcome(stored);
            }

            return outcome;
        }
        catch (OperationCanceledException) when (timeout?.IsCancellationRequested == true)
        {
            return TaskOutcome.Failure(ErrorKinds.Timeout, $"The task ran longer than its timeout of {item.Timeout}.");
        }
        catch (OperationCanceledException) when (lease.Cancellation.IsCancellationRequested)
        {
            return TaskOutcome.Failure(ErrorKinds.Cancelled, "The task was cancelled.");
        }
        catch (TaskFailureException failure)
        {
            log.WriteLine($"failed ({failure.ErrorKind}): {failure.Message}");
            return TaskOutcome.Failure(failure.ErrorKind, failure.Message);
        }
        catch (Exception ex)
        {
            Log.HandlerThrew(engine.Logger, item.Key, ex);
            log.WriteLine($"handler error: {ex.GetType().Name}: {ex.Message}");
            return TaskOutcome.Failure(ErrorKinds.Handler, $"{ex.GetType().Name}: {ex.Message}");
        }
    }
}
