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

    /// <summary>
    /// Each task's dependencies that are tasks of the run, in the definition's order, a repeated one once: a path
    /// takes the first of its dependencies' longest paths, and a repeated or unknown one never changes which.
    /// </summary>
    public int[][] Dependencies { get; }

    /// <summary>Each task's dependents, one entry per edge.</summary>
    public int[][] Children { get; }

    public int Count => Ids.Length;

    public bool TryGetNumber(string id, out int number) => _numbers.TryGetNumber(id, out number);

    /// <summary>The graph of <paramref name="tasks"/>, numbered as the table numbers them.</summary>
    // Called once per monitor with loops over every task and edge: optimized at once, not run as tier-0 code.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static TaskGraph Of(TaskTable tasks)
    {
        var byId = tasks.Ids;
        var n = tasks.Count;
        var dependencies = new int[n][];
        var childCount = new int[n];
        var listedBy = new int[n];
        var scratch = new List<int>();
        for (var i = 0; i < n; i++)
        {
            dependencies[i] = Known(tasks.At(i), i + 1, byId, listedBy, scratch);
            foreach (var dep in dependencies[i])
            {
                childCount[dep]++;
            }
        }

        var children = new int[n][];
        for (var i = 0; i < n; i++)
        {
            children[i] = childCount[i] == 0 ? [] : new int[childCount[i]];
            childCount[i] = 0;
        }

        var waiting = new int[n];
        for (var i = 0; i < n; i++)
        {
            waiting[i] = dependencies[i].Length;
            foreach (var dep in dependencies[i])
            {
                children[dep][childCount[dep]++] = i;
            }
        }

        return new TaskGraph(byId, dependencies, children, TopologicalPositions(children, waiting));
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
    /// A task's known dependencies, each once: <paramref name="listedBy"/> holds, per task, the stamp of the last
    /// task that listed it, so a long dependency list costs one pass; <paramref name="known"/> is scratch space.
    /// </summary>
    private static int[] Known(TaskSla task, int stamp, TaskTableIds byId, int[] listedBy, List<int> known)
    {
        known.Clear();
        foreach (var dep in task.DependsOn)
        {
            if (byId.TryGetNumber(dep, out var number) && listedBy[number] != stamp)
            {
                listedBy[number] = stamp;
                known.Add(number);
            }
        }

        return known.Count == 0 ? [] : [.. known];
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
