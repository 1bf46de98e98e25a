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

    public static void Check(IReadOnlyList<TaskDefinition> tasks, Dictionary<string, int> index, ErrorCollector errors)
    {
        var edgeCount = 0;
        foreach (var task in tasks)
        {
            edgeCount += task?.DependsOn?.Count ?? 0;
        }

        // Sized once: at 100,000 tasks each regrowth of the list would be another large-object-heap array.
        var edges = new List<(int Parent, int Child)>(edgeCount);
        for (var i = 0; i < tasks.Count; i++)
        {
            var task = tasks[i];
            var dependsOn = task?.DependsOn ?? [];
            HashSet<string>? seen = dependsOn.Count > SmallList ? new(StringComparer.Ordinal) : null;
            for (var k = 0; k < dependsOn.Count; k++)
            {
                var dep = dependsOn[k];
                if (string.IsNullOrEmpty(dep))
                {
                    errors.Add(Path(i, k), "The dependency is empty.", "Name the id of an upstream task.");
                }
                else if (dep == task!.Id)
                {
                    errors.Add(Path(i, k), $"The task '{dep}' depends on itself.", "Remove this dependency.");
                }
                else if (!index.TryGetValue(dep, out var parent))
                {
                    errors.Add(Path(i, k),
                        $"The task '{task.Id}' depends on '{dep}', which is not a task of this pipeline.",
                        Suggestions.Hint(dep, index.Keys, "Check the spelling, or add a task with that id."));
                }
                else if (seen is null ? IndexOf(dependsOn, dep) < k : !seen.Add(dep))
                {
                    errors.Add(Path(i, k), $"'{dep}' is listed twice in dependsOn.", "Remove the repeated entry.");
                }
                else
                {
                    edges.Add((parent, i));
                }
            }
        }

        // One graph serves both checks: at 100,000 tasks its arrays are large-object-heap sized, and every fresh
        // large array costs page faults on first touch.
        var graph = DagGraph.Create(tasks.Count, edges);
        ReportCycles(tasks, graph, edges, errors);
        CheckMaps(tasks, index, graph, errors);
    }

    private static void ReportCycles(IReadOnlyList<TaskDefinition> tasks, DagGraph graph,
        List<(int Parent, int Child)> edges, ErrorCollector errors)
    {
        if (TopologicalSort.IsAcyclic(graph))
        {
            return;
        }

        // Each round reports one cycle and drops the edge that closes it, so disjoint cycles are all named.
        var remaining = new List<(int Parent, int Child)>(edges);
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

    private static void CheckMaps(IReadOnlyList<TaskDefinition> tasks, Dictionary<string, int> index, DagGraph graph,
        ErrorCollector errors)
    {
        for (var i = 0; i < tasks.Count; i++)
        {
            if (tasks[i]?.Map is not { } map)
            {
                continue;
            }

            var path = $"tasks[{i}].map.over";
            if (string.IsNullOrEmpty(map.Over))
            {
                errors.Add(path, "The map names no task to map over.", "Set 'over' to an upstream task's id.");
            }
            else if (!index.TryGetValue(map.Over, out var source))
            {
                errors.Add(path, $"The map is over '{map.Over}', which is not a task of this pipeline.",
                    Suggestions.Hint(map.Over, index.Keys, "Name an upstream task."));
            }
            else if (!IsUpstream(graph, source, i))
            {
                errors.Add(path, $"The map is over '{map.Over}', which is not upstream of '{tasks[i].Id}'.",
                    $"Add '{map.Over}' to dependsOn: a task can only map over an output that exists when it starts.");
            }
        }
    }

    private static string Path(int task, int dependency) => $"tasks[{task}].dependsOn[{dependency}]";

    private static bool IsUpstream(DagGraph graph, int ancestor, int node)
    {
        var seen = new HashSet<int> { node };
        var stack = new Stack<int>([node]);
        while (stack.TryPop(out var current))
        {
            foreach (var parent in graph.Parents(current))
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
