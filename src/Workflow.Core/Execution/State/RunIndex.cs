using Workflow.Dag;
using Workflow.Model;

namespace Workflow.Execution;

/// <summary>
/// Lookup tables and the ready queue, derived from a <see cref="RunState"/>. They are rebuilt after a
/// restore in O(tasks + edges + units log units), so a restored state decides exactly like the original.
/// </summary>
internal sealed class RunIndex
{
    private RunIndex(DagIndex graph, ReadyQueue ready)
    {
        Graph = graph;
        Ready = ready;
    }

    public DagIndex Graph { get; }
    public ReadyQueue Ready { get; }
    public Dictionary<string, int> UnitByKey { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, int> UnitByTimer { get; } = new(StringComparer.Ordinal);

    public static RunIndex Build(RunState state, DagIndex graph)
    {
        var index = new RunIndex(graph, new ReadyQueue());
        for (var u = 0; u < state.Units.Count; u++)
        {
            var unit = state.Units[u];
            index.UnitByKey[unit.Key] = u;
            if (unit.TimerId is not null)
            {
                index.UnitByTimer[unit.TimerId] = u;
            }

            if (unit.Status == TaskStatus.Ready)
            {
                var task = state.Tasks[unit.Task];
                index.Ready.Enqueue(u, task.Priority, task.Rank, unit.Sequence);
            }
        }

        return index;
    }

    /// <summary>The index of a state, rebuilt from its data when the state was just deserialized.</summary>
    public static RunIndex Of(RunState state)
    {
        if (state.Index is null)
        {
            state.Index = Build(state, DagIndex.Build(state.Definition!));
        }

        return state.Index;
    }

    public TaskDefinition Definition(RunState state, int task) => state.Definition!.Tasks[task];

    /// <summary>Whether a <c>map</c> reads the output of task <paramref name="task"/> (see <see cref="MapSources"/>).</summary>
    public bool IsMapSource(RunState state, int task)
    {
        if (_mapSources is null)
        {
            _mapSources = new bool[state.Definition!.Tasks.Count];
            foreach (var id in MapSources.Of(state.Definition))
            {
                if (Graph.TryGetIndex(id, out var source))
                {
                    _mapSources[source] = true;
                }
            }
        }

        return _mapSources[task];
    }

    private bool[]? _mapSources;
}
