using System.Buffers;

namespace Workflow.Dag;

/// <summary>
/// Kahn's algorithm. Sources come out in index order and nodes are released first-in first-out, so the order
/// is deterministic: the same definition always yields the same order, which replay relies on. The counters (and,
/// for <see cref="IsAcyclic"/>, the released nodes) are rented: a 100,000-task DAG's temporary arrays are
/// large-object-heap sized, and each fresh one brings the next full garbage collection nearer.
/// </summary>
public static class TopologicalSort
{
    /// <summary>Returns a topological order, or null when the graph has a cycle.</summary>
    public static int[]? TryOrder(DagGraph graph)
    {
        ArgumentNullException.ThrowIfNull(graph);
        var order = new int[graph.Count];
        return Order(graph, order) == graph.Count ? order : null;
    }

    /// <summary>
    /// Whether the graph given by each node's parent rows (node i's parents are
    /// <c>parents[parentStart[i]..parentStart[i + 1]]</c>) has no cycle, worked out without its child rows: Kahn's
    /// algorithm on the reversed graph (a graph and its reverse have the same cycles), releasing a node once all its
    /// children are released. Validation needs no more than this from an acyclic definition, so it never builds the
    /// child rows (two more large arrays per 100,000-task definition).
    /// </summary>
    public static bool IsAcyclic(int count, ReadOnlySpan<int> parentStart, ReadOnlySpan<int> parents)
    {
        var waiting = ArrayPool<int>.Shared.Rent(count); // children not yet released, per node
        var released = ArrayPool<int>.Shared.Rent(count);
        try
        {
            var tail = ReleaseSinks(count, parentStart, parents, waiting, released);
            for (var head = 0; head < tail; head++)
            {
                var node = released[head];
                foreach (var parent in parents[parentStart[node]..parentStart[node + 1]])
                {
                    if (--waiting[parent] == 0)
                    {
                        released[tail++] = parent;
                    }
                }
            }

            return tail == count;
        }
        finally
        {
            ArrayPool<int>.Shared.Return(waiting);
            ArrayPool<int>.Shared.Return(released);
        }
    }

    /// <summary>
    /// The start of Kahn's algorithm on the reversed graph given by parent rows: sets <paramref name="waiting"/> to
    /// each node's number of children and puts the nodes without children (the sinks), in index order, at the start of
    /// <paramref name="released"/>; returns how many.
    /// </summary>
    internal static int ReleaseSinks(int count, ReadOnlySpan<int> parentStart, ReadOnlySpan<int> parents,
        Span<int> waiting, Span<int> released)
    {
        waiting[..count].Clear();
        foreach (var parent in parents[..parentStart[count]])
        {
            waiting[parent]++;
        }

        var tail = 0;
        for (var i = 0; i < count; i++)
        {
            if (waiting[i] == 0)
            {
                released[tail++] = i;
            }
        }

        return tail;
    }

    /// <summary>Fills <paramref name="order"/> and returns how many nodes it ordered (all of them unless a cycle).</summary>
    private static int Order(DagGraph graph, int[] order)
    {
        var n = graph.Count;
        var pending = ArrayPool<int>.Shared.Rent(n);
        try
        {
            for (var i = 0; i < n; i++)
            {
                pending[i] = graph.Parents(i).Length;
            }

            var tail = 0;
            for (var i = 0; i < n; i++)
            {
                if (pending[i] == 0)
                {
                    order[tail++] = i;
                }
            }

            for (var head = 0; head < tail; head++)
            {
                foreach (var child in graph.Children(order[head]))
                {
                    if (--pending[child] == 0)
                    {
                        order[tail++] = child;
                    }
                }
            }

            return tail;
        }
        finally
        {
            ArrayPool<int>.Shared.Return(pending);
        }
    }
}
