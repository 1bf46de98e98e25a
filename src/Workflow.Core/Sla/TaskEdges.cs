using System.Runtime.CompilerServices;

namespace Workflow.Sla;

/// <summary>
/// A run's edges by task number, worked out once per run (<see cref="TaskTableIds.Edges"/>) from the tasks'
/// dependencies, which a run never changes: the forecast's graph and the skip inference both read them.
/// </summary>
internal sealed class TaskEdges
{
    private TaskEdges(int[][] dependencies, int[][] dependents)
    {
        Dependencies = dependencies;
        Dependents = dependents;
    }

    /// <summary>
    /// Each task's dependencies that are tasks of the run, in the definition's order, a repeated one once: a path
    /// takes the first of its dependencies' longest paths, and a repeated or unknown one never changes which.
    /// </summary>
    public int[][] Dependencies { get; }

    /// <summary>Each task's dependents, in number order, one entry per edge.</summary>
    public int[][] Dependents { get; }

    // Called once per run with loops over every task and edge: optimized at once, not run as tier-0 code.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static TaskEdges Of(TaskTable tasks)
    {
        var n = tasks.Count;
        var dependencies = new int[n][];
        var childCount = new int[n];
        var listedBy = new int[n];
        var scratch = new List<int>();
        for (var i = 0; i < n; i++)
        {
            dependencies[i] = Known(tasks.At(i), i + 1, tasks.Ids, listedBy, scratch);
            foreach (var dep in dependencies[i])
            {
                childCount[dep]++;
            }
        }

        var dependents = new int[n][];
        for (var i = 0; i < n; i++)
        {
            dependents[i] = childCount[i] == 0 ? [] : new int[childCount[i]];
            childCount[i] = 0;
        }

        for (var i = 0; i < n; i++)
        {
            foreach (var dep in dependencies[i])
            {
                dependents[dep][childCount[dep]++] = i;
            }
        }

        return new TaskEdges(dependencies, dependents);
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
}
