using Workflow.Execution;
using TaskStatus = Workflow.Execution.TaskStatus;

namespace Workflow.Progress;

/// <summary>
/// What the tasks the decider carries out itself (delay, wait-until, sub-pipeline) show. They have no worker, so no
/// attempt record, and a host that builds a run's tasks from attempt records alone showed a delay that had started its
/// wait as pending, and one that was over as pending too (or skipped, once the run ended). Both hosts read these
/// tasks' states from the decider's state instead, and a task with neither attempts nor such a state shows the one
/// rule of <see cref="Unattempted"/>.
/// </summary>
public static class DeciderTaskStates
{
    /// <summary>Whether the definition has a task the decider carries out itself.</summary>
    public static bool AnyIn(Model.PipelineDefinition? definition) =>
        definition?.Tasks.Any(t => TaskKinds.IsDecidersOwn(t.Kind)) == true;

    /// <summary>
    /// The status of each unit (a task, or an instance of a mapped one) of a decider-run task that has left
    /// pending, by task key; at most <paramref name="limit"/> of them, in the run's unit order.
    /// </summary>
    public static IReadOnlyDictionary<string, TaskStatus> Of(RunState state, int limit = int.MaxValue)
    {
        ArgumentNullException.ThrowIfNull(state);
        var states = new Dictionary<string, TaskStatus>(StringComparer.Ordinal);
        if (state.Definition is not { } definition)
        {
            return states;
        }

        foreach (var unit in state.Units)
        {
            if (states.Count >= limit)
            {
                break;
            }

            if (unit.Status != TaskStatus.Pending && TaskKinds.IsDecidersOwn(definition.Tasks[unit.Task].Kind))
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

    /// <summary>What a finished run's task that nothing else tells of ended as: cancelled with the run, else skipped.</summary>
    public static TaskStatus Unlisted(RunStatus runStatus) =>
        runStatus == RunStatus.Cancelled ? TaskStatus.Cancelled : TaskStatus.Skipped;
}
