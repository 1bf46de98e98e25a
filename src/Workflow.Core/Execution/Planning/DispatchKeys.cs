using System.Numerics;
using Workflow.Model;

namespace Workflow.Execution;

/// <summary>The per-task dispatch key of each <see cref="DispatchPolicy"/>.</summary>
internal static class DispatchKeys
{
    /// <summary>When nothing better is known, a task is expected to take one second.</summary>
    public static readonly TimeSpan DefaultDuration = TimeSpan.FromSeconds(1);

    public static double[] Compute(DispatchPolicy policy, IReadOnlyList<TaskDefinition> tasks, RunGraph graph,
        IReadOnlyDictionary<string, TimeSpan>? expected) => policy switch
        {
            DispatchPolicy.UpwardRank => UpwardRank(tasks, graph, expected),
            DispatchPolicy.DownstreamCount => DownstreamCount(graph),
            _ => new double[tasks.Count],
        };

    private static double[] UpwardRank(IReadOnlyList<TaskDefinition> tasks, RunGraph graph,
        IReadOnlyDictionary<string, TimeSpan>? expected)
    {
        var rank = new double[tasks.Count];
        var order = graph.TopologicalOrder;
        for (var k = order.Length - 1; k >= 0; k--)
        {
            var t = order[k];
            var best = 0.0;
            foreach (var c in graph.Children[t])
            {
                best = Math.Max(best, rank[c]);
            }

            var def = tasks[t];
            var weight = expected is not null && expected.TryGetValue(def.Id, out var e) ? e
                : def.ExpectedDuration ?? DefaultDuration;
            rank[t] = weight.TotalSeconds + best;
        }

        return rank;
    }

    /// <summary>
    /// Distinct transitive descendants, with one bit set per task: O(tasks × edges / 64). Only the
    /// comparison benchmark uses this policy; the default costs O(tasks + edges).
    /// </summary>
    private static double[] DownstreamCount(RunGraph graph)
    {
        var n = graph.Parents.Length;
        var words = (n + 63) / 64;
        var sets = new ulong[n][];
        var counts = new double[n];
        var order = graph.TopologicalOrder;
        for (var k = order.Length - 1; k >= 0; k--)
        {
            var t = order[k];
            var set = new ulong[words];
            foreach (var c in graph.Children[t])
            {
                set[c >> 6] |= 1UL << (c & 63);
                var other = sets[c];
                for (var w = 0; w < words; w++)
                {
                    set[w] |= other[w];
                }
            }

            sets[t] = set;
            var count = 0;
            foreach (var word in set)
            {
                count += BitOperations.PopCount(word);
            }

            counts[t] = count;
        }

        return counts;
    }
}
