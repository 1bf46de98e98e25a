using Workflow.Dag;

namespace Workflow.Execution;

/// <summary>A run's start: the state built from the pinned definition, rerun results seeded, the roots queued.</summary>
internal static class RunStart
{
    public static void Start(RunStep step, RunStarted e)
    {
        var state = step.State;
        var definition = e.Definition;
        state.RunId = e.RunId;
        state.Definition = definition;
        state.Parameters = e.Parameters?.Clone();
        state.LogicalTime = e.LogicalTime;
        state.DataIntervalStart = Parameters.DataInterval.StartOf(definition, e.LogicalTime);
        state.StartedAt = e.At;
        state.Dispatch = e.Dispatch;
        state.Status = RunStatus.Running;

        var graph = RunGraphs.TryBuild(definition, out var error);
        var keys = graph is null ? null : RecordedDispatch.KeysFor(e, graph, out error);
        if (graph is null || keys is null)
        {
            state.Error = error;
            state.Status = RunStatus.Failed;
            state.CompletedAt = e.At;
            step.Notify(NotificationKind.RunFailed, $"Run '{e.RunId}' cannot start: {error}");
            step.Emit(new CompleteRun(RunStatus.Failed, new RunSummary(0, 0, 0, 0, definition.Tasks.Count)));
            return;
        }

        for (var i = 0; i < definition.Tasks.Count; i++)
        {
            var def = definition.Tasks[i];
            var task = new TaskState
            {
                Id = def.Id,
                Priority = def.Priority ?? definition.Defaults.Priority,
                Rank = keys[i],
                Parents = graph.Parents(i).Length,
            };
            if (def.Map is null)
            {
                task.Unit = state.Units.Count;
                state.Units.Add(new UnitState { Key = def.Id, Task = i });
            }

            state.Tasks.Add(task);
        }

        state.UnfinishedTasks = definition.Tasks.Count;
        step.Index = RunIndex.Build(state, graph);
        state.Index = step.Index;

        SeedPriorResults(step, e, graph);
        foreach (var t in graph.TopologicalOrder)
        {
            if (state.Tasks[t].Status == TaskStatus.Pending)
            {
                Propagation.Evaluate(step, t);
            }
        }

        step.Settle();
    }

    /// <summary>
    /// A rerun keeps the outputs of tasks that succeeded before: they count as succeeded without running, and their
    /// children see them as finished. A mapped task kept whole keeps its output array; otherwise its kept instances
    /// (<c>id[i]</c>) are held until it expands and then count as succeeded, but only when the task it maps over is
    /// kept too, since only then are the elements the same.
    /// </summary>
    private static void SeedPriorResults(RunStep step, RunStarted e, DagIndex graph)
    {
        if (e.PriorResults is null)
        {
            return;
        }

        var state = step.State;
        foreach (var t in graph.TopologicalOrder)
        {
            var task = state.Tasks[t];
            if (!e.PriorResults.TryGetValue(task.Id, out var output))
            {
                continue;
            }

            if (task.Unit >= 0)
            {
                state.Units[task.Unit].Status = TaskStatus.Succeeded;
                state.Units[task.Unit].Output = output?.Clone();
            }

            Propagation.FinishTask(step, t, TaskStatus.Succeeded, output);
        }

        foreach (var (key, output) in e.PriorResults)
        {
            var id = TaskInstanceKey.TaskIdOf(key);
            if (id.Length < key.Length && graph.TryGetIndex(id, out var t) && step.Def(t).Map is { } map
                && !state.Tasks[t].IsFinal && e.PriorResults.ContainsKey(map.Over))
            {
                (state.KeptInstances ??= new(StringComparer.Ordinal))[key] = output?.Clone();
            }
        }

        Propagation.Drain(step);
    }
}
