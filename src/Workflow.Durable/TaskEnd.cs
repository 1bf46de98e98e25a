using Workflow.Execution;
using Workflow.Progress;
using TaskStatus = Workflow.Execution.TaskStatus;

namespace Workflow.Durable;

/// <summary>
/// What a task without attempt records ended as (<see cref="WorkerlessTasks"/>: a sub-pipeline task refused its child
/// or whose child failed, a delay, a map that could not expand), kept in the run's <see cref="RunOutcome"/> because
/// the final decider state is not readable from outside the orchestration. Tasks that ended as
/// <see cref="DeciderTaskStates.Unlisted"/> says, without an error, are left out, so a run that fails early does not
/// list every task it skipped; with none left, the outcome keeps none (null).
/// </summary>
public sealed record TaskEnd(string TaskId, TaskStatus Status, string? Error = null)
{
    public static IReadOnlyList<TaskEnd>? Of(RunState state, RunStatus runStatus)
    {
        ArgumentNullException.ThrowIfNull(state);
        var unlisted = DeciderTaskStates.Unlisted(runStatus);
        var ends = WorkerlessTasks.Of(state)
            .Where(t => t.Error is not null || t.Status != unlisted)
            .Select(t => new TaskEnd(t.Id, t.Status, t.Error))
            .ToList();
        return ends.Count == 0 ? null : ends;
    }
}
