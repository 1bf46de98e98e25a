using System.Buffers;

namespace Workflow.Dag;

/// <summary>
/// Kahn's algorithm. Sources come out in index order and nodes are released first-in first-out, so the order
/// is deterministic: the same definition always yields the same order, which replay relies on. The counters are
/// rented: a 100,000-task DAG's temporary arrays are large-object-heap sized, and fresh large arrays cost page
/// faults on first touch that small ones never do.
/// </summary>
public static class TopologicalSort
{
    /// <summary>Returns a topological order, or null when the graph has a cycle.</summary>
    public static int[]? TryOrder(DagGraph graph)
    {
        ArgumentNullException.ThrowIfNull(graph);
        var n = graph.Count;
        var pending = ArrayPool<int>.Shared.Rent(n);
        try
        {
            return TryOrder(graph, pending);
        }
        finally
        {
            ArrayPool<int>.Shared.Return(pending);
        }
    }

    private static int[]? TryOrder(DagGraph graph, int[] pending)
    {
        var n = graph.Count;
        for (var i = 0; i < n; i++)
        {
            pending[i] = graph.Parents(i).Length;
        }

        var order = new int[n];
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

        return tail == n ? order : null;
    }
}
