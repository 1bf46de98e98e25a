using Workflow.Dag;

namespace Workflow.Execution;

internal sealed partial class RunStep
{
    private void Start(RunStarted e)
    {
        var definition = e.Definition;
        _state.RunId = e.RunId;
        _state.Definition = definition;
        _state.Parameters = e.Parameters?.Clone();
        _state.LogicalTime = e.LogicalTime;
        _state.DataIntervalStart = Parameters.DataInterval.StartOf(definition, e.LogicalTime);
        _state.StartedAt = e.At;
        _state.Dispatch = e.Dispatch;
        _state.Status = RunStatus.Running;

        var graph = RunGraphs.TryBuild(definition, out var error);
        if (graph is null)
        {
            _state.Error = error;
            _state.Status = RunStatus.Failed;
            _state.CompletedAt = e.At;
            Notify(NotificationKind.RunFailed, $"Run '{e.RunId}' cannot start: {error}");
            Emit(new CompleteRun(RunStatus.Failed, new RunSummary(0, 0, 0, 0, definition.Tasks.Count)));
            return;
        }

        var keys = DispatchKeys.Compute(e.Dispatch, definition, graph, e.ExpectedDurations);
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
                task.Unit = _state.Units.Count;
                _state.Units.Add(new UnitState { Key = def.Id, Task = i });
            }

            _state.Tasks.Add(task);
        }

        _state.UnfinishedTasks = definition.Tasks.Count;
        _index = RunIndex.Build(_state, graph);
        _state.Index = _index;

        SeedPriorResults(e, graph);
        foreach (var t in graph.TopologicalOrder)
        {
            if (_state.Tasks[t].Status == TaskStatus.Pending)
            {
                Evaluate(t);
            }
        }

        Settle();
    }

    /// <summary>
    /// A rerun keeps the outputs of tasks that succeeded before: they count as succeeded without running, and their
    /// children see them as finished. A mapped task kept whole keeps its output array; otherwise its kept instances
    /// (<c>id[i]</c>) are held until it expands and then count as succeeded, but only when the task it maps over is
    /// kept too, since only then are the elements the same.
    /// </summary>
    private void SeedPriorResults(RunStarted e, DagIndex graph)
    {
        if (e.PriorResults is null)
        {
            return;
        }

        foreach (var t in graph.TopologicalOrder)
        {
            var task = _state.Tasks[t];
            if (!e.PriorResults.TryGetValue(task.Id, out var output))
            {
                continue;
            }

            if (task.Unit >= 0)
            {
                _state.Units[task.Unit].Status = TaskStatus.Succeeded;
                _state.Units[task.Unit].Output = output?.Clone();
            }

            FinishTask(t, TaskStatus.Succeeded, output);
        }

        foreach (var (key, output) in e.PriorResults)
        {
            var id = CarryOver.TaskIdOf(key);
            if (id.Length < key.Length && graph.TryGetIndex(id, out var t) && Def(t).Map is { } map
                && !_state.Tasks[t].IsFinal && e.PriorResults.ContainsKey(map.Over))
            {
                (_state.KeptInstances ??= new(StringComparer.Ordinal))[key] = output?.Clone();
            }
        }

        Drain();
    }
}
