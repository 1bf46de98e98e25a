using Workflow.Execution;
using Workflow.Model;
using Workflow.Progress;
using Workflow.Services;
using TaskStatus = Workflow.Execution.TaskStatus;

namespace Workflow.Functions.Services;

/// <summary>
/// The task list of a run in the Azure host, built from the attempt records the RunTask activity writes: each
/// task instance shows its latest attempt. A task of the definition with no attempt shows what the decider said of it
/// in the run's status (a delay waiting is running), else the rule of <see cref="DeciderTaskStates.Unattempted"/>.
/// </summary>
public static class TaskRecords
{
    /// <param name="definition">The run's pipeline version.</param>
    /// <param name="attempts">The attempt records of the run.</param>
    /// <param name="runStatus">The run's status.</param>
    /// <param name="deciderTasks">The states of the tasks the decider carries out itself, from the run's status.</param>
    public static IReadOnlyList<TaskInstanceRecord> Build(PipelineDefinition? definition,
        IReadOnlyList<TaskAttemptRecord> attempts, RunStatus runStatus,
        IReadOnlyDictionary<string, TaskStatus>? deciderTasks = null)
    {
        ArgumentNullException.ThrowIfNull(attempts);
        var dependsOn = definition?.Tasks.ToDictionary(t => t.Id, t => t.DependsOn, StringComparer.Ordinal)
            ?? new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        var records = attempts
            .GroupBy(a => a.TaskKey, StringComparer.Ordinal)
            .Select(g =>
            {
                var ordered = g.OrderBy(a => a.Attempt).ToList();
                var last = ordered[^1];
                var id = TaskInstanceKey.TaskIdOf(g.Key);
                return new TaskInstanceRecord(g.Key, id, last.Status, last.Attempt, ordered[0].StartedAt,
                    last.FinishedAt, last.Error, dependsOn.GetValueOrDefault(id) ?? []);
            })
            .ToList();
        var seen = records.Select(r => r.TaskId).ToHashSet(StringComparer.Ordinal);
        foreach (var task in definition?.Tasks ?? [])
        {
            if (!seen.Contains(task.Id))
            {
                records.Add(new TaskInstanceRecord(task.Id, task.Id,
                    DeciderTaskStates.Unattempted(task.Id, deciderTasks, runStatus), 0, null, null, null,
                    task.DependsOn));
            }
        }

        var order = definition?.Tasks.Select((t, i) => (t.Id, i)).ToDictionary(x => x.Id, x => x.i, StringComparer.Ordinal)
            ?? [];
        return records.OrderBy(r => order.GetValueOrDefault(r.TaskId, int.MaxValue))
            .ThenBy(r => r.TaskKey, StringComparer.Ordinal)
            .ToList();
    }
}
