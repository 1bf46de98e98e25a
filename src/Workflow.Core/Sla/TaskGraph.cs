using System.Runtime.CompilerServices;

namespace Workflow.Sla;

/// <summary>
/// The monitor's view of a definition's edges, built once per monitor: each task's dependents, and a topological
/// position so that a set of tasks can be worked through with every task after its dependencies.
/// </summary>
internal sealed class TaskGraph
{
    private static readonly string[] None = [];
    private readonly Dictionary<string, string[]> _children;
    private readonly Dictionary<string, int> _order;

    private TaskGraph(Dictionary<string, string[]> children, Dictionary<string, int> order)
    {
        _children = children;
        _order = order;
    }

    // Called once per monitor with loops over every task and edge: optimized at once, not run as tier-0 code.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static TaskGraph Of(IReadOnlyDictionary<string, TaskSla> tasks)
    {
        var children = new Dictionary<string, List<string>>(tasks.Count, StringComparer.Ordinal);
        var waiting = new Dictionary<string, int>(tasks.Count, StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var task in tasks.Values)
        {
            var known = 0;
            seen.Clear();
            foreach (var dep in task.DependsOn)
            {
                // A repeated dependency is one edge; only lists of more than one can repeat.
                if (!tasks.ContainsKey(dep) || (task.DependsOn.Length > 1 && !seen.Add(dep)))
                {
                    continue;
                }

                known++;
                if (!children.TryGetValue(dep, out var list))
                {
                    children[dep] = list = [];
                }

                list.Add(task.Id);
            }

            waiting[task.Id] = known;
        }

        // Kahn's algorithm; a cycle (which validation refuses) leaves its tasks to be numbered last.
        var order = new Dictionary<string, int>(tasks.Count, StringComparer.Ordinal);
        var ready = new Queue<string>();
        foreach (var (id, count) in waiting)
        {
            if (count == 0)
            {
                ready.Enqueue(id);
            }
        }

        while (ready.TryDequeue(out var id))
        {
            order[id] = order.Count;
            foreach (var child in children.GetValueOrDefault(id) ?? [])
            {
                if (--waiting[child] == 0)
                {
                    ready.Enqueue(child);
                }
            }
        }

        foreach (var id in tasks.Keys)
        {
            order.TryAdd(id, order.Count);
        }

        var edges = new Dictionary<string, string[]>(children.Count, StringComparer.Ordinal);
        foreach (var (id, list) in children)
        {
            edges[id] = [.. list];
        }

        return new TaskGraph(edges, order);
    }

    public IReadOnlyList<string> Children(string id) => _children.TryGetValue(id, out var list) ? list : None;

    /// <summary>
    /// <paramref name="start"/> and every task reachable from it through dependents that are pending (a pending
    /// task's path runs through its dependencies; a running or done one's does not), in topological order.
    /// </summary>
    public string[] PendingDownstream(IEnumerable<string> start, IReadOnlyDictionary<string, TaskSla> tasks)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var work = new Stack<string>();
        foreach (var id in start)
        {
            if (tasks.ContainsKey(id) && seen.Add(id))
            {
                work.Push(id);
            }
        }

        while (work.TryPop(out var id))
        {
            foreach (var child in Children(id))
            {
                if (tasks[child].Phase == TaskPhase.Pending && seen.Add(child))
                {
                    work.Push(child);
                }
            }
        }

        // Sorted by position, looked up once per task rather than on every comparison.
        var ordered = new string[seen.Count];
        var positions = new int[seen.Count];
        var k = 0;
        foreach (var id in seen)
        {
            ordered[k] = id;
            positions[k++] = _order[id];
        }

        Array.Sort(positions, ordered);
        return ordered;
    }
}
