using System.Buffers;

namespace Workflow.Dag;

/// <summary>
/// The analyses over a graph and one of its topological orders, on plain int-indexed arrays. Each pass visits
/// every node and edge once, except <see cref="DescendantCounts"/> (see there).
/// </summary>
public static class DagAlgorithms
{
    /// <summary>Level 0 for tasks without dependencies, else one more than the deepest dependency.</summary>
    public static int[] Levels(DagGraph graph, ReadOnlySpan<int> order)
    {
        ArgumentNullException.ThrowIfNull(graph);
        var level = new int[graph.Count];
        foreach (var node in order)
        {
            var deepest = -1;
            foreach (var parent in graph.Parents(node))
            {
                deepest = Math.Max(deepest, level[parent]);
            }

            level[node] = deepest + 1;
        }

        return level;
    }

    /// <summary>
    /// The upward rank of each node: its own weight plus the largest upward rank among its children, that is the
    /// longest weighted path from the node to a sink, the node included.
    /// </summary>
    public static double[] UpwardRank(DagGraph graph, ReadOnlySpan<int> order, ReadOnlySpan<double> weights)
    {
        ArgumentNullException.ThrowIfNull(graph);
        var rank = new double[graph.Count];
        UpwardRank(graph, order, weights, rank);
        return rank;
    }

    /// <summary>The upward rank written into <paramref name="rank"/>, one entry per node (see above).</summary>
    public static void UpwardRank(DagGraph graph, ReadOnlySpan<int> order, ReadOnlySpan<double> weights,
        Span<double> rank)
    {
        ArgumentNullException.ThrowIfNull(graph);
        if (weights.Length != graph.Count || rank.Length != graph.Count)
        {
            throw new ArgumentException(
                $"Expected {graph.Count} weights and ranks, got {weights.Length} and {rank.Length}.", nameof(weights));
        }

        for (var k = order.Length - 1; k >= 0; k--)
        {
            var node = order[k];
            var longest = 0.0;
            foreach (var child in graph.Children(node))
            {
                longest = Math.Max(longest, rank[child]);
            }

            rank[node] = weights[node] + longest;
        }
    }

    /// <summary>
    /// The path that decides the makespan: it starts at the node of largest upward rank and follows, at each
    /// step, the child of largest rank (the earliest such child on ties). Its length is that first rank.
    /// </summary>
    public static int[] CriticalPath(DagGraph graph, ReadOnlySpan<double> rank)
    {
        ArgumentNullException.ThrowIfNull(graph);
        if (graph.Count == 0)
        {
            return [];
        }

        var node = 0;
        for (var i = 1; i < rank.Length; i++)
        {
            if (rank[i] > rank[node])
            {
                node = i;
            }
        }

        // Walked twice, once to count and once to fill, so a 100,000-step chain's path is one exact array rather
        // than a list regrown on the large-object heap.
        var path = new int[PathLength(graph, rank, node)];
        for (var k = 0; k < path.Length; k++)
        {
            path[k] = node;
            node = NextOnPath(graph, rank, node);
        }

        return path;
    }

    /// <summary>
    /// The same path and length as <see cref="CriticalPath(DagGraph, ReadOnlySpan{double})"/> over the upward rank,
    /// for a graph given by each node's parent rows (node i's parents are
    /// <c>parents[parentStart[i]..parentStart[i + 1]]</c>) whose children count in ascending index order, as
    /// <see cref="DagGraph.FromParentRows"/> lists them: ties go to the child of lowest index. Worked out from the
    /// rows alone, sinks first (Kahn's algorithm on the reversed graph), each node's rank pushed to its parents along
    /// with which child gave it, so that no child rows and no topological order are made; the temporaries are
    /// rented, and the path is the one array allocated.
    /// </summary>
    internal static int[] CriticalPath(int count, ReadOnlySpan<int> parentStart, ReadOnlySpan<int> parents,
        ReadOnlySpan<double> weights, out double length)
    {
        length = 0;
        if (count == 0)
        {
            return [];
        }

        var waiting = ArrayPool<int>.Shared.Rent(count); // children whose rank is not known yet, per node
        var released = ArrayPool<int>.Shared.Rent(count);
        var next = ArrayPool<int>.Shared.Rent(count); // the child of largest rank, -1 for a sink
        var rank = ArrayPool<double>.Shared.Rent(count);
        try
        {
            Array.Fill(next, -1, 0, count);
            var tail = TopologicalSort.ReleaseSinks(count, parentStart, parents, waiting, released);
            for (var head = 0; head < tail; head++)
            {
                var node = released[head];
                rank[node] = weights[node] + (next[node] < 0 ? 0.0 : rank[next[node]]);
                foreach (var parent in parents[parentStart[node]..parentStart[node + 1]])
                {
                    var best = next[parent];
                    if (best < 0 || rank[node] > rank[best] || (rank[node] == rank[best] && node < best))
                    {
                        next[parent] = node;
                    }

                    if (--waiting[parent] == 0)
                    {
                        released[tail++] = parent;
                    }
                }
            }

            if (tail != count)
            {
                throw new ArgumentException("The parent rows form a cycle.", nameof(parents));
            }

            var start = 0;
            for (var i = 1; i < count; i++)
            {
                if (rank[i] > rank[start])
                {
                    start = i;
                }
            }

            var steps = 1;
            for (var node = next[start]; node >= 0; node = next[node])
            {
                steps++;
            }

            var path = new int[steps];
            for (int k = 0, node = start; k < steps; k++, node = next[node])
            {
                path[k] = node;
            }

            length = rank[start];
            return path;
        }
        finally
        {
            ArrayPool<int>.Shared.Return(waiting);
            ArrayPool<int>.Shared.Return(released);
            ArrayPool<int>.Shared.Return(next);
            ArrayPool<double>.Shared.Return(rank);
        }
    }

    private static int PathLength(DagGraph graph, ReadOnlySpan<double> rank, int node)
    {
        var length = 1;
        for (; graph.Children(node).Length > 0; length++)
        {
            node = NextOnPath(graph, rank, node);
        }

        return length;
    }

    /// <summary>The child of largest rank, the earliest on ties; -1 for a sink.</summary>
    private static int NextOnPath(DagGraph graph, ReadOnlySpan<double> rank, int node)
    {
        var children = graph.Children(node);
        if (children.Length == 0)
        {
            return -1;
        }

        var next = children[0];
        foreach (var child in children)
        {
            if (rank[child] > rank[next])
            {
                next = child;
            }
        }

        return next;
    }

    /// <summary>
    /// The exact number of distinct tasks downstream of each task (see <see cref="DescendantSums"/>): O((V+E)·V/64)
    /// time, O(V) memory. For 100,000 tasks that is well under a second, and it is computed once per definition.
    /// </summary>
    public static int[] DescendantCounts(DagGraph graph, ReadOnlySpan<int> order) => DescendantSums.Count(graph, order);
}
