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
    OverlapAdmission admission)
{
    public async ValueTask<RunDetail?> DetailAsync(string runId, CancellationToken cancellationToken) =>
        await RunDetails.ReadAsync(runs, pipelines, runId, cancellationToken)
        ?? await admission.FindAsync(runId, cancellationToken);

    public async ValueTask<IReadOnlyList<TaskAttemptRecord>> AttemptsAsync(string runId, string? taskKey,
        CancellationToken cancellationToken) =>
        (await runs.AttemptsAsync(runId, taskKey, cancellationToken)).Select(a => a.Attempt).ToList();

    /// <summary>A chunk of an attempt's log, complete once the attempt has ended; null for no such attempt.</summary>
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
        return await logs.ReadAsync(runId, taskKey, attempt, range, finished, cancellationToken);
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
