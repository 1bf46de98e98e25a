using System.Runtime.CompilerServices;

namespace Workflow.Sla;

/// <summary>
/// The monitor's view of a definition's edges, built once per monitor: each task numbered, so that the forecast
/// index keeps its per-task data in arrays, with its dependencies, its dependents, and a topological position so
/// that a set of tasks can be worked through with every task after its dependencies.
/// </summary>
internal sealed class TaskGraph
{
    private readonly TaskTableIds _numbers;
    private readonly int[] _position;

    private TaskGraph(TaskTableIds numbers, int[][] dependencies, int[][] children, int[] position)
    {
        _numbers = numbers;
        Dependencies = dependencies;
        Children = children;
        _position = position;
    }

    /// <summary>The task ids by number.</summary>
    public string[] Ids => _numbers.All;

    /// <summary>The run's <see cref="TaskEdges.Dependencies"/>.</summary>
    public int[][] Dependencies { get; }

    /// <summary>The run's <see cref="TaskEdges.Dependents"/>.</summary>
    public int[][] Children { get; }

    public int Count => Ids.Length;

    public bool TryGetNumber(string id, out int number) => _numbers.TryGetNumber(id, out number);

    /// <summary>The graph of <paramref name="tasks"/>, numbered as the table numbers them.</summary>
    // Called once per monitor with a loop over every task: optimized at once, not run as tier-0 code.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static TaskGraph Of(TaskTable tasks)
    {
        var edges = tasks.Ids.Edges(tasks);
        var waiting = new int[tasks.Count];
        for (var i = 0; i < waiting.Length; i++)
        {
            waiting[i] = edges.Dependencies[i].Length;
        }

        return new TaskGraph(tasks.Ids, edges.Dependencies, edges.Dependents,
            TopologicalPositions(edges.Dependents, waiting));
    }

    /// <summary>
    /// <paramref name="start"/> and every task reachable from it through dependents that are pending (a pending
    /// task's path runs through its dependencies; a running or done one's does not), sorted by number, so in
    /// topological order. <paramref name="seen"/> is scratch space of <see cref="Count"/> flags, all false, and
    /// left so.
    /// </summary>
    public int[] PendingDownstream(IReadOnlyList<int> start, TaskSla[] tasks, bool[] seen)
    {
        var found = new List<int>(start.Count);
        foreach (var i in start)
        {
            if (!seen[i])
            {
                seen[i] = true;
                found.Add(i);
            }
        }

        for (var k = 0; k < found.Count; k++)
        {
            foreach (var child in Children[found[k]])
            {
                if (!seen[child] && tasks[child].Phase == TaskPhase.Pending)
                {
                    seen[child] = true;
                    found.Add(child);
                }
            }
        }

        // Sorted by position, looked up once per task rather than on every comparison.
        var ordered = found.ToArray();
        var positions = new int[ordered.Length];
        for (var k = 0; k < ordered.Length; k++)
        {
            seen[ordered[k]] = false;
            positions[k] = _position[ordered[k]];
        }

        Array.Sort(positions, ordered);
        return ordered;
    }

    /// <summary>
    /// Each task's position in Kahn's order; a cycle (which validation refuses) leaves its tasks to be placed last,
    /// in their first order.
    /// </summary>
    private static int[] TopologicalPositions(int[][] children, int[] waiting)
    {
        var order = new List<int>(children.Length);
        for (var i = 0; i < waiting.Length; i++)
        {
            if (waiting[i] == 0)
            {
                order.Add(i);
            }
        }

        for (var k = 0; k < order.Count; k++)
        {
            foreach (var child in children[order[k]])
            {
                if (--waiting[child] == 0)
                {
                    order.Add(child);
                }
            }
        }

        for (var i = 0; i < waiting.Length; i++)
        {
            if (waiting[i] > 0)
            {
                order.Add(i);
            }
        }

        var position = new int[order.Count];
        for (var k = 0; k < order.Count; k++)
        {
            position[order[k]] = k;
        }

        return position;
    }
}
