using Workflow.Services;

namespace Workflow.Progress;

/// <summary>
/// The dependencies between a run's task instances: a dependency names a task key first and otherwise every
/// instance of that task id, so a task downstream of a mapped task waits for all its instances. Gives the instances
/// in an order where every upstream comes first; instances caught in a cycle (which no valid definition has) come
/// last, their unplaced upstreams ignored, so a confused input still gets an answer.
/// </summary>
internal sealed class InstanceGraph
{
    private InstanceGraph(int[][] upstream, int[] order)
    {
        Upstream = upstream;
        Order = order;
    }

    /// <summary>The upstream instances of each instance, indexed like the input.</summary>
    public int[][] Upstream { get; }

    /// <summary>Indexes of the input, upstream before downstream.</summary>
    public int[] Order { get; }

    public static InstanceGraph Build(IReadOnlyList<TaskInstanceRecord> tasks)
    {
        var byKey = new Dictionary<string, int>(StringComparer.Ordinal);
        var byId = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (var i = 0; i < tasks.Count; i++)
        {
            byKey.TryAdd(tasks[i].TaskKey, i);
            if (!byId.TryGetValue(tasks[i].TaskId, out var list))
            {
                byId[tasks[i].TaskId] = list = [];
            }

            list.Add(i);
        }

        var upstream = new int[tasks.Count][];
        var downstream = new List<int>[tasks.Count];
        var waiting = new int[tasks.Count];
        for (var i = 0; i < tasks.Count; i++)
        {
            var self = i;
            upstream[i] = [.. (tasks[i].DependsOn ?? [])
                .SelectMany(d => byKey.TryGetValue(d, out var k) ? [k] : byId.GetValueOrDefault(d) ?? [])
                .Where(u => u != self).Distinct()];
            waiting[i] = upstream[i].Length;
            foreach (var u in upstream[i])
            {
                (downstream[u] ??= []).Add(i);
            }
        }

        return new InstanceGraph(upstream, TopologicalOrder(waiting, downstream));
    }

    private static int[] TopologicalOrder(int[] waiting, List<int>[] downstream)
    {
        var order = new List<int>(waiting.Length);
        var placed = new bool[waiting.Length];
        for (var i = 0; i < waiting.Length; i++)
        {
            if (waiting[i] == 0)
            {
                order.Add(i);
                placed[i] = true;
            }
        }

        for (var next = 0; next < order.Count; next++)
        {
            foreach (var d in downstream[order[next]] ?? [])
            {
                if (--waiting[d] == 0)
                {
                    order.Add(d);
                    placed[d] = true;
                }
            }
        }

        order.AddRange(Enumerable.Range(0, waiting.Length).Where(i => !placed[i]));
        return [.. order];
    }
}
