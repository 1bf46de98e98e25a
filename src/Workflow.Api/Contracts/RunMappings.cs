using Workflow.Contracts;
using Workflow.Execution;
using Workflow.Services;
using LogChunk = Workflow.Contracts.LogChunk;
using RunDetail = Workflow.Contracts.RunDetail;

namespace Workflow.Api.Contracts;

/// <summary>
/// The one place where a run and what hangs off it (tasks, attempts, log ranges, pages) become the wire records wf and
/// the dashboard read; states become their wire names (<see cref="WireNames"/>), so the JSON is what the model's enums
/// wrote.
/// </summary>
public static class RunMappings
{
    public static RunInfo ToContract(this RunRecord run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return new RunInfo(run.RunId, run.PipelineId, run.PipelineVersion, run.OwnerGroup, run.Status.WireName(),
            run.Trigger.WireName(), run.LogicalTime, run.CreatedAt, run.StartedAt, run.FinishedAt,
            run.Summary?.ToContract(), run.Parameters, run.RerunOf, run.ParentRunId);
    }

    public static RunCounts ToContract(this RunSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        return new RunCounts(summary.Succeeded, summary.Failed, summary.Skipped, summary.Cancelled, summary.Total);
    }

    public static RunDetail ToContract(this Workflow.Services.RunDetail detail)
    {
        ArgumentNullException.ThrowIfNull(detail);
        return new RunDetail(detail.Run.ToContract(), [.. detail.Tasks.Select(ToContract)],
            detail.Children is null ? null : [.. detail.Children.Select(ToContract)], detail.Notices);
    }

    public static TaskInfo ToContract(this TaskInstanceRecord task)
    {
        ArgumentNullException.ThrowIfNull(task);
        return new TaskInfo(task.TaskKey, task.TaskId, task.Status.WireName(), task.Attempts, task.StartedAt,
            task.FinishedAt, task.Error, task.DependsOn);
    }

    public static RunsPage ToContract(this Page<RunRecord> page)
    {
        ArgumentNullException.ThrowIfNull(page);
        return new RunsPage([.. page.Items.Select(ToContract)], page.ContinuationToken);
    }

    public static AttemptInfo ToContract(this TaskAttemptRecord attempt)
    {
        ArgumentNullException.ThrowIfNull(attempt);
        return new AttemptInfo(attempt.RunId, attempt.TaskKey, attempt.Attempt, attempt.Status.WireName(),
            attempt.QueuedAt, attempt.StartedAt, attempt.FinishedAt, attempt.ErrorKind, attempt.Error, attempt.Output,
            attempt.LogBytes, attempt.Priority, attempt.Timeout?.TotalSeconds);
    }

    public static LogChunk ToContract(this Workflow.Services.LogChunk chunk)
    {
        ArgumentNullException.ThrowIfNull(chunk);
        return new LogChunk(chunk.Offset, chunk.TotalBytes, chunk.Text, chunk.Complete);
    }
}
