namespace Workflow.Execution;

/// <summary>
/// The tasks of a run that have no worker attempt to show them: the kinds the decider carries out itself (delay,
/// wait-until, sub-pipeline) and tasks it settled without launching them (skipped, cancelled before they started, a
/// map that could not expand). A host that lists a run's tasks from attempt records reads what these ended as from
/// the run's final state: the embedded host from its final snapshot, the Azure app from the run's outcome.
/// </summary>
public static class WorkerlessTasks
{
    public static IEnumerable<TaskState> Of(RunState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var definitions = state.Definition?.Tasks ?? [];
        for (var i = 0; i < state.Tasks.Count && i < definitions.Count; i++)
        {
            var task = state.Tasks[i];
            if (TaskKinds.IsDecidersOwn(definitions[i].Kind) || !Launched(state, task))
            {
                yield return task;
            }
        }
    }

    private static bool Launched(RunState state, TaskState task) =>
        task.Unit >= 0
            ? state.Units[task.Unit].Attempt > 0
            : task.FirstInstance >= 0
              && state.Units.Skip(task.FirstInstance).Take(task.InstanceCount).Any(u => u.Attempt > 0);
}
