using System.Buffers;
using Workflow.Dag;
using Workflow.Model;

namespace Workflow.Validation;

/// <summary>
/// Checks the dependency graph: unknown, self and repeated dependencies, cycles (each printed as
/// <c>a -> b -> c -> a</c>, up to <see cref="MaxCycles"/> of them), and maps over tasks that are not upstream.
/// </summary>
internal static class GraphRules
{
    private const int MaxCycles = 10;

    // Up to this many dependencies, repeats are found by scanning the list rather than hashing it.
    private const int SmallList = 8;

    public static void Check(IReadOnlyList<TaskDefinition> tasks, TaskIdTable index, ErrorCollector errors)
    {
        // Each dependency string is resolved once into the parent rows of the graph that both checks below use;
        // the rows are rented, as the graph is dropped when validation ends.
        var n = tasks.Count;
        var parentStart = ArrayPool<int>.Shared.Rent(n + 1);
        var parents = ArrayPool<int>.Shared.Rent(Math.Max(16, n));
        int[]? lastChild = null;
        List<int>? mapped = null; // tasks with a map, noted here so that no further pass over the tasks is needed
        var hashes = HashLookAhead.OverDependencies(index, tasks);
        try
        {
            parentStart[0] = 0;
            var e = 0;
            for (var i = 0; i < n; i++)
            {
                var task = tasks[i];
                if (task?.Map is not null)
                {
                    (mapped ??= []).Add(i);
                }

                var dependsOn = Dependencies.Of(task);
                if (e + dependsOn.Length > parents.Length)
                {
                    parents = Grow(parents, e + dependsOn.Length);
                }

                var rowStart = e;
                for (var k = 0; k < dependsOn.Length; k++)
                {
                    var dep = dependsOn[k];
                    var hash = hashes.Next();
                    if (string.IsNullOrEmpty(dep))
                    {
                        errors.Add(Path(i, k), "The dependency is empty.", "Name the id of an upstream task.");
                    }
                    else if (dep == task!.Id)
                    {
                        errors.Add(Path(i, k), $"The task '{dep}' depends on itself.", "Remove this dependency.");
                    }
                    else if (index.IndexOf(dep, hash) is not (>= 0 and var parent))
                    {
                        errors.Add(Path(i, k),
                            $"The task '{task.Id}' depends on '{dep}', which is not a task of this pipeline.",
                            Suggestions.Hint(dep, index.Keys, "Check the spelling, or add a task with that id."));
                    }
                    else if (dependsOn.Length <= SmallList
                                 ? parents.AsSpan(rowStart, e - rowStart).Contains(parent)
                                 : IsRepeat(lastChild ??= NoChildYet(n), parent, i))
                    {
                        errors.Add(Path(i, k), $"'{dep}' is listed twice in dependsOn.", "Remove the repeated entry.");
                    }
                    else
                    {
                        parents[e++] = parent;
                    }
                }

                parentStart[i + 1] = e;
            }

            // Both checks read the parent rows; the child rows are built only to name a cycle.
            if (!TopologicalSort.IsAcyclic(n, parentStart, parents))
            {
                ReportCycles(tasks, DagGraph.FromParentRows(n, parentStart, parents), errors);
            }

            CheckMaps(tasks, mapped ?? [], index, parentStart, parents, errors);
        }
        finally
        {
            ArrayPool<int>.Shared.Return(parentStart);
            ArrayPool<int>.Shared.Return(parents);
            if (lastChild is not null)
            {
                ArrayPool<int>.Shared.Return(lastChild);
            }
        }
    }

    private static int[] Grow(int[] rented, int needed)
    {
        var larger = ArrayPool<int>.Shared.Rent(Math.Max(needed, rented.Length * 2));
        rented.AsSpan().CopyTo(larger);
        ArrayPool<int>.Shared.Return(rented);
        return larger;
    }

    private static int[] NoChildYet(int n)
    {
        var lastChild = ArrayPool<int>.Shared.Rent(n);
        lastChild.AsSpan(0, n).Fill(-1);
        return lastChild;
    }

    // A resolved dependency is a repeat when the same parent was already accepted for this child; the dependency
    // is then the same string, as each id resolves to one index. Used for long lists, where a scan of the row
    // would be quadratic.
    private static bool IsRepeat(int[] lastChild, int parent, int child)
    {
        if (lastChild[parent] == child)
        {
            return true;
        }

        lastChild[parent] = child;
        return false;
    }

    private static void ReportCycles(IReadOnlyList<TaskDefinition> tasks, DagGraph graph, ErrorCollector errors)
    {
        // Each round reports one cycle and drops the edge that closes it, so disjoint cycles are all named.
        var remaining = new List<(int Parent, int Child)>(graph.EdgeCount);
        for (var child = 0; child < graph.Count; child++)
        {
            foreach (var parent in graph.Parents(child))
            {
                remaining.Add((parent, child));
            }
        }

        for (var round = 0; round < MaxCycles; round++)
        {
            var cycle = CycleFinder.Find(graph);
            if (cycle is null)
            {
                return;
            }

            var (parent, child) = (cycle[0], cycle[1]);
            var k = IndexOf(tasks[child].DependsOn, tasks[parent].Id);
            errors.Add($"tasks[{child}].dependsOn[{k}]",
                $"The tasks form a cycle: {CycleFinder.Format(cycle.Select(n => tasks[n].Id))}.",
                "A pipeline must be a DAG: remove one dependency of the cycle.");
            remaining.RemoveAll(e => e.Parent == parent && e.Child == child);
            graph = DagGraph.Create(tasks.Count, remaining);
        }
    }

    private static void CheckMaps(IReadOnlyList<TaskDefinition> tasks, List<int> mapped, TaskIdTable index,
        int[] parentStart, int[] parents, ErrorCollector errors)
    {
        foreach (var i in mapped)
        {
            var map = tasks[i].Map!;
            var path = $"tasks[{i}].map.over";
            if (string.IsNullOrEmpty(map.Over))
            {
                errors.Add(path, "The map names no task to map over.", "Set 'over' to an upstream task's id.");
            }
            else if (!index.TryGetIndex(map.Over, out var source))
            {
                errors.Add(path, $"The map is over '{map.Over}', which is not a task of this pipeline.",
                    Suggestions.Hint(map.Over, index.Keys, "Name an upstream task."));
            }
            else if (!IsUpstream(parentStart, parents, source, i))
            {
                errors.Add(path, $"The map is over '{map.Over}', which is not upstream of '{tasks[i].Id}'.",
                    $"Add '{map.Over}' to dependsOn: a task can only map over an output that exists when it starts.");
            }
        }
    }

    private static string Path(int task, int dependency) => $"tasks[{task}].dependsOn[{dependency}]";

    private static bool IsUpstream(int[] parentStart, int[] parents, int ancestor, int node)
    {
        var seen = new HashSet<int> { node };
        var stack = new Stack<int>([node]);
        while (stack.TryPop(out var current))
        {
            var row = parents.AsSpan(parentStart[current], parentStart[current + 1] - parentStart[current]);
            foreach (var parent in row)
            {
                if (parent == ancestor)
                {
                    return true;
                }

                if (seen.Add(parent))
                {
                    stack.Push(parent);
                }
            }
        }

        return false;
    }

    private static int IndexOf(IReadOnlyList<string> list, string value)
    {
        for (var i = 0; i < list.Count; i++)
        {
            if (list[i] == value)
            {
                return i;
            }
        }

        return -1;
    }
}
