using Workflow.Execution;
using TaskStatus = Workflow.Execution.TaskStatus;

namespace Workflow.Progress;

/// <summary>
/// What the tasks the decider carries out itself (delay, wait-until, sub-pipeline) show. They have no worker, so no
/// attempt record, and a host that builds a run's tasks from attempt records alone showed a delay that had started its
/// wait as pending, and one that was over as pending too (or skipped, once the run ended). Both hosts read these
/// tasks' states from the decider's state instead, and a task with neither attempts nor such a state shows the one
/// rule of <see cref="Unattempted"/>. A mapped one of them shows one row per instance (<see cref="UnitsOf"/>): each of
/// a mapped delay's instances waits on a timer of its own.
/// </summary>
public static class DeciderTaskStates
{
    /// <summary>Whether the definition has a task the decider carries out itself.</summary>
    public static bool AnyIn(Model.PipelineDefinition? definition) =>
        definition?.Tasks.Any(t => TaskKinds.IsDecidersOwn(t.Kind)) == true;

    /// <summary>The definition's tasks the decider carries out itself, with their places among its tasks, in order.</summary>
    public static IEnumerable<(int Index, Model.TaskDefinition Task)> TasksIn(Model.PipelineDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        return definition.Tasks.Select((task, index) => (index, task)).Where(t => TaskKinds.IsDecidersOwn(t.task.Kind));
    }

    /// <summary>
    /// The status of each unit (a task, or an instance of a mapped one the decider expanded) of a decider-run task, by
    /// task key, in the run's unit order. Pending units are listed too, so that a mapped task's instances that have
    /// not started yet still count among its instances.
    /// </summary>
    public static IReadOnlyDictionary<string, TaskStatus> Of(RunState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var states = new Dictionary<string, TaskStatus>(StringComparer.Ordinal);
        if (state.Definition is not { } definition)
        {
            return states;
        }

        foreach (var unit in state.Units)
        {
            if (TaskKinds.IsDecidersOwn(definition.Tasks[unit.Task].Kind))
            {
                states[unit.Key] = unit.Status;
            }
        }

        return states;
    }

    /// <summary>
    /// The status of a task with no attempt record: the decider's when <paramref name="known"/> has it; otherwise
    /// pending while the run goes on, and once it is over cancelled (with a cancelled run) or skipped.
    /// </summary>
    public static TaskStatus Unattempted(string taskKey, IReadOnlyDictionary<string, TaskStatus>? known,
        RunStatus runStatus) =>
        known is not null && known.TryGetValue(taskKey, out var status) ? status
        : runStatus.IsActive() ? TaskStatus.Pending
        : Unlisted(runStatus);

    /// <summary>
    /// The rows a task with no attempt record shows while its run goes on: one per instance of a mapped task that
    /// <paramref name="known"/> lists (<c>id[0]</c>, <c>id[1]</c>, ...), else the task itself as
    /// <see cref="Unattempted"/> says.
    /// </summary>
    public static IReadOnlyList<(string TaskKey, TaskStatus Status)> UnitsOf(Model.TaskDefinition task,
        IReadOnlyDictionary<string, TaskStatus>? known, RunStatus runStatus)
    {
        ArgumentNullException.ThrowIfNull(task);
        if (task.Map is null || known is null || !known.ContainsKey(TaskInstanceKey.Of(task.Id, 0)))
        {
            return [(task.Id, Unattempted(task.Id, known, runStatus))];
        }

        var instances = new List<(string, TaskStatus)>();
        for (var i = 0; known.TryGetValue(TaskInstanceKey.Of(task.Id, i), out var status); i++)
        {
            instances.Add((TaskInstanceKey.Of(task.Id, i), status));
        }

        return instances;
    }

    /// <summary>What a finished run's task that nothing else tells of ended as: cancelled with the run, else skipped.</summary>
    public static TaskStatus Unlisted(RunStatus runStatus) =>
        runStatus == RunStatus.Cancelled ? TaskStatus.Cancelled : TaskStatus.Skipped;
}
