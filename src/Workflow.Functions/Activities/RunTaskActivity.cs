using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using Workflow.Engine.Handlers;
using Workflow.Functions.Storage;
using Workflow.Model;
using Workflow.Orchestration;
using Workflow.Services;
using TaskStatus = Workflow.Execution.TaskStatus;

namespace Workflow.Functions.Activities;

/// <summary>
/// Runs one attempt through the same task handlers as the embedded host (Workflow.Engine/Handlers), records the
/// attempt and its log in blobs, and returns failures as data so their error kind reaches the decider.
/// </summary>
public sealed class RunTaskActivity(
    HandlerRegistry handlers,
    AttemptStore attempts,
    BlobTaskLogFactory logs,
    TimeProvider time,
    ILogger<RunTaskActivity> logger)
{
    [Function(OrchestrationNames.RunTaskActivity)]
    public async Task<TaskActivityResult> RunAsync([ActivityTrigger] TaskActivityInput input,
        CancellationToken cancellationToken)
    {
        var task = input.Task;
        var started = time.GetUtcNow();
        await attempts.WriteAsync(Record(input, TaskStatus.Running, started, null, null, null, 0), cancellationToken);
        var handler = handlers.Find(task.Kind);
        TaskActivityResult result;
        await using var log = await logs.OpenAsync(input.RunId, task.TaskKey, task.Attempt, cancellationToken);
        if (handler is null)
        {
            result = TaskActivityResult.Failure(ErrorKinds.InvalidInput,
                $"Task '{task.TaskId}' has kind '{task.Kind}', which no handler serves in this app.");
        }
        else
        {
            result = await ExecuteAsync(handler, input, log, cancellationToken);
        }

        // A suspended attempt stays running: the orchestration resumes it on a durable timer.
        var status = result.ResumeAt is not null ? TaskStatus.Running
            : result.Succeeded ? TaskStatus.Succeeded : TaskStatus.Failed;
        await attempts.WriteAsync(Record(input, status, started, time.GetUtcNow(), result, result.Message,
            log.BytesWritten), cancellationToken);
        return result with { LogBytes = log.BytesWritten };
    }

    private async Task<TaskActivityResult> ExecuteAsync(ITaskHandler handler, TaskActivityInput input, BlobTaskLog log,
        CancellationToken cancellationToken)
    {
        var task = input.Task;
        using var timeout = task.Timeout is { } t
            ? CancellationTokenSource.CreateLinkedTokenSource(cancellationToken)
            : null;
        timeout?.CancelAfter(task.Timeout!.Value);
        try
        {
            // NOTE: TaskContext's constructor is internal to Workflow.Engine today, and its output store is tied to
            // the SQLite store; see docs/azure.md, "Known gaps". This is the shape the call takes once both are open.
            var context = new TaskContext(static () => { })
            {
                RunId = input.RunId,
                PipelineId = input.PipelineId,
                TaskKey = task.TaskKey,
                TaskId = task.TaskId,
                Attempt = task.Attempt,
                IdempotencyKey = task.IdempotencyKey,
                Delivery = 1,
                Config = task.Config,
                Input = task.Input,
                ResumeState = input.ResumeState,
                Log = log,
                Outputs = null!,
                Time = time,
            };
            var outcome = await handler.ExecuteAsync(context, timeout?.Token ?? cancellationToken);
            return outcome switch
            {
                TaskSucceededOutcome s => TaskActivityResult.Success(s.Output),
                TaskFailedOutcome f => TaskActivityResult.Failure(f.ErrorKind, f.Message),
                TaskSuspendedOutcome s => TaskActivityResult.Suspended(s.ResumeAt, s.State),
                _ => TaskActivityResult.Failure(ErrorKinds.Handler, $"Task '{task.TaskId}' returned an unknown outcome."),
            };
        }
        catch (OperationCanceledException) when (timeout?.IsCancellationRequested == true)
        {
            return TaskActivityResult.Failure(ErrorKinds.Timeout, $"Task '{task.TaskId}' ran past its timeout of {task.Timeout}.");
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Log.HandlerThrew(logger, input.RunId, task.TaskKey, task.Attempt, ex);
            return TaskActivityResult.Failure(ErrorKinds.Handler, ex.Message);
        }
    }

    private static TaskAttemptRecord Record(TaskActivityInput input, TaskStatus status, DateTimeOffset started,
        DateTimeOffset? finished, TaskActivityResult? result, string? error, long logBytes) =>
        new(input.RunId, input.Task.TaskKey, input.Task.Attempt, status, started, started, finished,
            result?.ErrorKind, error, result?.Output, logBytes);
}
