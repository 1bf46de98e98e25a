using Workflow.Model;

namespace Workflow.Execution;

/// <summary>
/// The task graph of a run as index arrays: parents and children of each task, and a topological order.
/// Built once per start or restore in O(tasks + edges).
/// </summary>
internal sealed class RunGraph
{
    private RunGraph(int[][] parents, int[][] children, int[] order, Dictionary<string, int> byId)
    {
        Parents = parents;
        Children = children;
        TopologicalOrder = order;
        ById = byId;
    }

    public int[][] Parents { get; }
    public int[][] Children { get; }
    public int[] TopologicalOrder { get; }
    public Dictionary<string, int> ById { get; }

    /// <summary>Builds the graph, or explains why the definition cannot run (the validator says it first).</summary>
    public static RunGraph Build(IReadOnlyList<TaskDefinition> tasks, out string? error)
    {
        error = null;
        var byId = new Dictionary<string, int>(tasks.Count, StringComparer.Ordinal);
        for (var i = 0; i < tasks.Count; i++)
        {
            if (!byId.TryAdd(tasks[i].Id, i))
            {
                error ??= $"Task id '{tasks[i].Id}' appears twice in 'tasks'; give each task a unique id.";
            }
        }

        var parents = new int[tasks.Count][];
        var childLists = new List<int>[tasks.Count];
        for (var i = 0; i < tasks.Count; i++)
        {
            childLists[i] = [];
        }

        for (var i = 0; i < tasks.Count; i++)
        {
            var deps = tasks[i].DependsOn;
            var list = new List<int>(deps.Count);
            foreach (var dep in deps.Distinct(StringComparer.Ordinal))
            {
                if (!byId.TryGetValue(dep, out var p))
                {
                    error ??= $"Task '{tasks[i].Id}' depends on '{dep}', which is not a task of this pipeline; " +
                        "fix 'dependsOn' or add the task.";
                    continue;
                }

                list.Add(p);
                childLists[p].Add(i);
            }

            parents[i] = [.. list];
        }

        var children = childLists.Select(c => c.ToArray()).ToArray();
        var order = TopologicalSort(parents, children);
        if (order.Length < tasks.Count && error is null)
        {
            var stuck = Enumerable.Range(0, tasks.Count).Except(order).Select(i => tasks[i].Id).Take(5);
            error = $"The tasks {string.Join(", ", stuck.Select(s => $"'{s}'"))} form a dependency cycle; " +
                "remove one of their 'dependsOn' edges.";
        }

        return new RunGraph(parents, children, order, byId);
    }

    private static int[] TopologicalSort(int[][] parents, int[][] children)
    {
        var remaining = parents.Select(p => p.Length).ToArray();
        var order = new List<int>(parents.Length);
        for (var i = 0; i < parents.Length; i++)
        {
            if (remaining[i] == 0)
            {
                order.Add(i);
            }
        }

        for (var head = 0; head < order.Count; head++)
        {
            foreach (var c in children[order[head]])
            {
                if (--remaining[c] == 0)
                {
                    order.Add(c);
                }
            }
        }

        return [.. order];
    }

    /// <summary>True when <paramref name="ancestor"/> is reachable upward from <paramref name="task"/>.</summary>
    public bool IsAncestor(int ancestor, int task)
    {
        var seen = new HashSet<int>();
        var stack = new Stack<int>(Parents[task]);
        while (stack.Count > 0)
        {
            var p = stack.Pop();
            if (p == ancestor)
            {
                return true;
            }

            if (seen.Add(p))
            {
                foreach (var q in Parents[p])
                {
                    stack.Push(q);
                }
            }
        }

        return false;
    }
}
