using System.Numerics;

namespace Workflow.Dag;

/// <summary>
/// Sums over the distinct descendants of each node (the node excluded): how many there are, or their total weight.
/// Summing over children would count a diamond's bottom twice, and exact reachability has no known linear algorithm,
/// so this propagates 64-bit masks of targets, 64 targets per pass over the order prefix that can reach them:
/// O((V+E)·V/64) time, O(V) memory. A mask's weight is added eight bits at a time from per-pass tables.
/// </summary>
internal static class DescendantSums
{
    /// <summary><paramref name="order"/> is a topological order of <paramref name="graph"/>.</summary>
    public static int[] Count(DagGraph graph, ReadOnlySpan<int> order)
    {
        var sum = new Counts(new int[graph.Count]);
        Propagate(graph, order, ref sum);
        return sum.Values;
    }

    /// <summary>As <see cref="Count"/>, each descendant counting its weight (indexed like the graph).</summary>
    public static double[] Work(DagGraph graph, ReadOnlySpan<int> order, ReadOnlySpan<double> weights)
    {
        var sum = new Weights(new double[graph.Count], weights.ToArray(), new double[8 * 256]);
        Propagate(graph, order, ref sum);
        return sum.Values;
    }

    private static void Propagate<TSum>(DagGraph graph, ReadOnlySpan<int> order, ref TSum sum)
        where TSum : struct, IMaskSum
    {
        ArgumentNullException.ThrowIfNull(graph);
        var n = graph.Count;
        var position = new int[n];
        for (var k = 0; k < order.Length; k++)
        {
            position[order[k]] = k;
        }

        var reach = new ulong[n];
        for (var first = 0; first < n; first += 64)
        {
            var end = Math.Min(first + 64, n);
            sum.Begin(order, first, end);
            for (var k = end - 1; k >= 0; k--)
            {
                var node = order[k];
                var mask = 0UL;
                foreach (var child in graph.Children(node))
                {
                    mask |= reach[child];
                    var p = position[child];
                    if (p >= first && p < end)
                    {
                        mask |= 1UL << (p - first);
                    }
                }

                reach[node] = mask;
                sum.Add(node, mask);
            }
        }
    }

    private interface IMaskSum
    {
        /// <summary>A pass over the targets at positions first..end-1 of the order begins.</summary>
        void Begin(ReadOnlySpan<int> order, int first, int end);

        /// <summary>Adds the targets set in <paramref name="mask"/> to <paramref name="node"/>'s sum.</summary>
        void Add(int node, ulong mask);
    }

    private readonly record struct Counts(int[] Values) : IMaskSum
    {
        public void Begin(ReadOnlySpan<int> order, int first, int end)
        {
        }

        public void Add(int node, ulong mask) => Values[node] += BitOperations.PopCount(mask);
    }

    /// <summary>Table[b·256 + v]: the weight of the pass's targets 8b + i for the bits i set in the byte v.</summary>
    private readonly record struct Weights(double[] Values, double[] Of, double[] Table) : IMaskSum
    {
        public void Begin(ReadOnlySpan<int> order, int first, int end)
        {
            for (var b = 0; b < 8; b++)
            {
                Table[b * 256] = 0;
                for (var v = 1; v < 256; v++)
                {
                    var target = first + (8 * b) + BitOperations.TrailingZeroCount(v);
                    Table[(b * 256) + v] = Table[(b * 256) + (v & (v - 1))] + (target < end ? Of[order[target]] : 0);
                }
            }
        }

        public void Add(int node, ulong mask)
        {
            for (var b = 0; mask != 0; b++, mask >>= 8)
            {
                Values[node] += Table[(b * 256) + (int)(mask & 0xFF)];
            }
        }
    }
}
