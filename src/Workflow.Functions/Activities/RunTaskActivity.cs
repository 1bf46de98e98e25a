using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using Workflow.Durable;
using Workflow.Functions.Storage;
using Workflow.Runtime.Handlers;
using Workflow.Services;
using TaskStatus = Workflow.Execution.TaskStatus;

namespace Workflow.Functions.Activities;

/// <summary>
/// Runs one attempt through the same <see cref="TaskAttemptExecutor"/> and task handlers as the embedded host,
/// records the attempt and its log in blobs, and returns failures as data so their error kind reaches the decider.
/// The decider's own timeout timer races this activity in the orchestration, so a lost worker still times out.
/// </summary>
public sealed class RunTaskActivity(
    TaskAttemptExecutor executor,
    AttemptStore attempts,
    BlobTaskLogFactory logs,
    BlobDurationHistory durations,
    TimeProvider time,
    ILogger<RunTaskActivity> logger)
{
    [Function(OrchestrationNames.RunTaskActivity)]
    public async Task<TaskActivityResult> RunAsync([ActivityTrigger] TaskActivityInput input,
        CancellationToken cancellationToken)
    {
        // The input is the decider's command and its run, as the attempt record composes them; Durable does not
        // say which delivery of the activity this is, so it counts as the first.
        var attempt = new TaskAttempt(input.RunId, input.PipelineId, input.Task) { ResumeState = input.ResumeState };
        var task = attempt.Task;
        var started = time.GetUtcNow();
        await attempts.WriteAsync(Record(attempt, TaskStatus.Running, started, null, null, 0), cancellationToken);
        TaskOutcome outcome;
        long logBytes;
        await using (var log = await logs.OpenAsync(attempt.RunId, task.TaskKey, task.Attempt, cancellationToken))
        {
            outcome = await executor.ExecuteAsync(attempt, log, null, cancellationToken);
            logBytes = log.BytesWritten;
        }

        var result = outcome switch
        {
            TaskSucceededOutcome s => TaskActivityResult.Success(s.Output, logBytes),
            TaskFailedOutcome f => TaskActivityResult.Failure(f.ErrorKind, f.Message, logBytes),
            TaskSuspendedOutcome s => TaskActivityResult.Suspended(s.ResumeAt, s.State) with { LogBytes = logBytes },
            _ => TaskActivityResult.Failure(Model.ErrorKinds.Handler,
                $"Task '{task.TaskId}' returned an unknown outcome.", logBytes),
        };

        // A suspended attempt stays running: the orchestration resumes it on a durable timer.
        var status = result.ResumeAt is not null ? TaskStatus.Running
            : result.Succeeded ? TaskStatus.Succeeded : TaskStatus.Failed;
        var finished = time.GetUtcNow();
        await attempts.WriteAsync(Record(attempt, status, started, finished, result, logBytes), cancellationToken);
        if (status == TaskStatus.Succeeded)
        {
            await RecordDurationAsync(attempt, finished - started, cancellationToken);
        }

        return result;
    }

    /// <summary>
    /// Feeds the estimates of later runs. Map instances are left out: thousands of them finishing together would
    /// contend on one blob, and the engine's estimate for a map task is its instances' anyway.
    /// </summary>
    private async Task RecordDurationAsync(TaskAttempt attempt, TimeSpan duration, CancellationToken cancellationToken)
    {
        var (pipelineId, task) = (attempt.PipelineId, attempt.Task);
        if (task.TaskKey != task.TaskId)
        {
            return;
        }

        try
        {
            if (!await durations.RecordAsync(pipelineId, task.TaskId, duration, cancellationToken))
            {
                Log.DurationNotRecorded(logger, pipelineId, task.TaskId, "lost every write race");
            }
        }
        catch (Azure.RequestFailedException ex)
        {
            Log.DurationNotRecorded(logger, pipelineId, task.TaskId, ex.Message);
        }
    }

    private static TaskAttemptRecord Record(TaskAttempt attempt, TaskStatus status, DateTimeOffset started,
        DateTimeOffset? finished, TaskActivityResult? result, long logBytes) =>
        new(attempt.RunId, attempt.Task.TaskKey, attempt.Task.Attempt, status, started, started, finished,
            result?.ErrorKind, result?.Message, result?.Output, logBytes, attempt.Task.Priority, attempt.Task.Timeout);
}
