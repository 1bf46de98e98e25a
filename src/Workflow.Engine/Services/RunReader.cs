using Workflow.Engine.Logs;
using Workflow.Engine.Runtime;
using Workflow.Engine.Starts;
using Workflow.Services;

namespace Workflow.Engine.Services;

/// <summary>
/// What <see cref="WorkflowEngineService"/> answers about one run: its detail (or its start the overlap policy
/// queued), its attempts, an attempt's log, and its end.
/// </summary>
internal sealed class RunReader(RunWaiters waiters, PipelineQueries pipelines, RunQueries runs, LogStore logs,
    OverlapAdmission admission, TimeProvider time)
{
    public async ValueTask<RunDetail?> DetailAsync(string runId, CancellationToken cancellationToken) =>
        await RunDetails.ReadAsync(runs, pipelines, runId, cancellationToken)
        ?? await admission.FindAsync(runId, cancellationToken);

    public async ValueTask<IReadOnlyList<TaskAttemptRecord>> AttemptsAsync(string runId, string? taskKey,
        CancellationToken cancellationToken) =>
        (await runs.AttemptsAsync(runId, taskKey, cancellationToken)).Select(a => a.Attempt).ToList();

    /// <summary>
    /// A chunk of an attempt's log, complete once the attempt has ended; null for no such attempt. A log not written
    /// yet reads as empty; one the attempt wrote that is no longer stored was removed by retention, a
    /// <see cref="GoneException"/> (<see cref="RemovedLogs"/>).
    /// </summary>
    public async ValueTask<LogChunk?> LogAsync(string runId, string taskKey, int attempt, LogRange range,
        CancellationToken cancellationToken)
    {
        var attempts = await runs.AttemptsAsync(runId, taskKey, cancellationToken);
        var record = attempts.Select(a => a.Attempt).FirstOrDefault(a => a.Attempt == attempt);
        if (record is null)
        {
            return null;
        }

        var finished = record.Status is not (Execution.TaskStatus.Pending or Execution.TaskStatus.Running);
        return await logs.ReadAsync(runId, taskKey, attempt, range, finished, cancellationToken)
               ?? (RemovedLogs.WasWritten(record)
                   ? throw await ExpiredAsync(record, cancellationToken)
                   : new LogChunk(0, 0, string.Empty, finished));
    }

    /// <summary>Why the log is gone, from the retention the purge applies: the pipeline's current one.</summary>
    private async ValueTask<GoneException> ExpiredAsync(TaskAttemptRecord record, CancellationToken cancellationToken)
    {
        var run = await runs.GetAsync(record.RunId, cancellationToken);
        var pipeline = run is null ? null : await pipelines.GetAsync(run.PipelineId, null, cancellationToken);
        return RemovedLogs.Expired(record, run?.FinishedAt, pipeline?.Definition.Retention,
            time.GetUtcNow());
    }

    /// <summary>The run's final status, once it has one; the waiter is taken before reading, so no end is missed.</summary>
    public async Task<Execution.RunStatus> WaitForEndAsync(string runId, CancellationToken cancellationToken)
    {
        var waiter = waiters.For(runId);
        var record = await runs.GetAsync(runId, cancellationToken)
            ?? throw new NotFoundException($"Run '{runId}' does not exist.");
        if (record.Status is Execution.RunStatus.Succeeded or Execution.RunStatus.Failed or Execution.RunStatus.Cancelled)
        {
            return record.Status;
        }

        return await waiter.WaitAsync(cancellationToken);
    }
}
