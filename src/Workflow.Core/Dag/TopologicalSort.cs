using System.Buffers;

namespace Workflow.Dag;

/// <summary>
/// Kahn's algorithm. Sources come out in index order and nodes are released first-in first-out, so the order
/// is deterministic: the same definition always yields the same order, which replay relies on. The counters (and,
/// for <see cref="IsAcyclic"/>, the order) are rented: a 100,000-task DAG's temporary arrays are large-object-heap
/// sized, and each fresh one brings the next full garbage collection nearer.
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

    /// <summary>Whether the graph has no cycle; the order it works out is rented and given back.</summary>
    public static bool IsAcyclic(DagGraph graph)
    {
        ArgumentNullException.ThrowIfNull(graph);
        var order = ArrayPool<int>.Shared.Rent(graph.Count);
        try
        {
            return Order(graph, order) == graph.Count;
        }
        finally
        {
            ArrayPool<int>.Shared.Return(order);
        }
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
