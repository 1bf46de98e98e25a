namespace Workflow.Dag;

/// <summary>
/// Finds one dependency cycle so that an error can show it (<c>a -> b -> c -> a</c>) rather than merely say
/// that one exists. An iterative depth-first search: deep chains of 100,000 tasks do not overflow the stack.
/// </summary>
public static class CycleFinder
{
    /// <summary>
    /// One cycle as node indexes in dependency direction, the first node repeated at the end
    /// (<c>[a, b, c, a]</c> means b depends on a, c on b and a on c); null when the graph is acyclic.
    /// </summary>
    public static int[]? Find(DagGraph graph)
    {
        ArgumentNullException.ThrowIfNull(graph);
        var n = graph.Count;
        var state = new byte[n]; // 0 unvisited, 1 on the current path, 2 done
        var onPathNext = new int[n]; // position in the children list of each node on the path
        var path = new int[n];
        for (var root = 0; root < n; root++)
        {
            if (state[root] != 0)
            {
                continue;
            }

            var depth = 0;
            path[depth++] = root;
            state[root] = 1;
            onPathNext[root] = 0;
            while (depth > 0)
            {
                var node = path[depth - 1];
                var children = graph.Children(node);
                if (onPathNext[node] < children.Length)
                {
                    var child = children[onPathNext[node]++];
                    if (state[child] == 1)
                    {
                        return Extract(path, depth, child);
                    }

                    if (state[child] == 0)
                    {
                        state[child] = 1;
                        onPathNext[child] = 0;
                        path[depth++] = child;
                    }
                }
                else
                {
                    state[node] = 2;
                    depth--;
                }
            }
        }

        return null;
    }

    /// <summary>The most ids <see cref="Format"/> shows at each end of a long cycle.</summary>
    private const int ShownAtEachEnd = 8;

    /// <summary>
    /// Formats a cycle of ids as <c>a -> b -> c -> a</c>. A long one shows its first and last
    /// <see cref="ShownAtEachEnd"/> ids and counts those between (<c>t0 -> … (11,984 more) -> t0</c>): a cycle
    /// through every task of a large pipeline would otherwise fill the error with hundreds of kilobytes.
    /// </summary>
    public static string Format(IEnumerable<string> cycle)
    {
        var ids = cycle.ToList();
        if (ids.Count <= 3 * ShownAtEachEnd)
        {
            // Shown whole up to three ends' worth: leaving out only a few ids would save nothing.
            return string.Join(" -> ", ids);
        }

        var hidden = ids.Count - 2 * ShownAtEachEnd;
        return string.Join(" -> ", ids.Take(ShownAtEachEnd)) +
               string.Create(System.Globalization.CultureInfo.InvariantCulture, $" -> … ({hidden:N0} more) -> ") +
               string.Join(" -> ", ids.TakeLast(ShownAtEachEnd));
    }

    private static int[] Extract(int[] path, int depth, int start)
    {
        var from = Array.LastIndexOf(path, start, depth - 1);
        var cycle = new int[depth - from + 1];
        Array.Copy(path, from, cycle, 0, depth - from);
        cycle[^1] = start;
        return cycle;
    }
}
