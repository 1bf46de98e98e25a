using Workflow.Dag;

namespace Workflow.Bench.Dispatch;

/// <summary>
/// A lower bound on the makespan of any schedule of a DAG on k slots (not only those a dispatch order gives),
/// tighter than max(critical path, work / k), so that a makespan ÷ that weaker bound can be read against what is
/// possible at all. The largest of three arguments, each true of every schedule:
/// <list type="bullet">
/// <item>a task starts after its longest chain of ancestors and after all their work, done at most k at a time, and
/// the run ends after its longest chain of descendants and after all their work;</item>
/// <item>of the j·k + 1 longest tasks, some slot runs j + 1 one after another;</item>
/// <item>of the tasks whose upward rank is at least r, the last to start waits for all their ancestors' work, then
/// needs r more.</item>
/// </list>
/// Costs O(V·(V+E)): for benchmark traces, not for the decider.
/// </summary>
internal sealed class ScheduleBound
{
    private readonly DagIndex _dag;
    private readonly double[] _weights;
    private readonly double[] _head;
    private readonly double[] _rank;
    private readonly double[] _ancestorWork;
    private readonly double[] _descendantWork;

    public ScheduleBound(DagIndex dag)
    {
        _dag = dag;
        _weights = dag.Weights();
        _rank = dag.UpwardRank(_weights);
        _head = new double[dag.Count];
        foreach (var t in dag.TopologicalOrder)
        {
            foreach (var p in dag.Parents(t))
            {
                _head[t] = Math.Max(_head[t], _head[p] + _weights[p]);
            }
        }

        _ancestorWork = new double[dag.Count];
        _descendantWork = new double[dag.Count];
        var seen = new int[dag.Count];
        var stack = new Stack<int>();
        for (var t = 0; t < dag.Count; t++)
        {
            _ancestorWork[t] = Reachable(dag.Graph, t, seen, (2 * t) + 1, stack);
            _descendantWork[t] = Reachable(dag.Graph.Reversed(), t, seen, (2 * t) + 2, stack);
        }
    }

    /// <summary>The bound in seconds on <paramref name="slots"/> slots.</summary>
    public double Seconds(int slots)
    {
        var n = _dag.Count;
        var best = 0.0;
        for (var t = 0; t < n; t++)
        {
            var tail = _rank[t] - _weights[t];
            best = Math.Max(best, Math.Max(_head[t], _ancestorWork[t] / slots) + _weights[t]
                + Math.Max(tail, _descendantWork[t] / slots));
        }

        var longest = Enumerable.Range(0, n).OrderByDescending(i => _weights[i]).ToArray();
        for (var j = 1; (j * slots) + 1 <= n; j++)
        {
            var set = longest.AsSpan(0, (j * slots) + 1).ToArray();
            var sequential = set.Select(i => _weights[i]).Order().Take(j + 1).Sum();
            best = Math.Max(best, set.Min(i => _head[i]) + sequential + set.Min(i => _rank[i] - _weights[i]));
        }

        var byRank = Enumerable.Range(0, n).OrderByDescending(i => _rank[i]).ToArray();
        var isAncestor = new bool[n];
        var ancestorWork = 0.0;
        for (var a = 0; a < n; a++)
        {
            // Ancestors of a task rank above it, so the set {rank ≥ r} holds every ancestor of its members.
            foreach (var p in _dag.Parents(byRank[a]))
            {
                if (!isAncestor[p])
                {
                    isAncestor[p] = true;
                    ancestorWork += _weights[p];
                }
            }

            if (a + 1 == n || _rank[byRank[a + 1]] < _rank[byRank[a]])
            {
                best = Math.Max(best, (ancestorWork / slots) + _rank[byRank[a]]);
            }
        }

        return best;
    }

    /// <summary>The work of the tasks above <paramref name="from"/> in <paramref name="graph"/>'s parent direction.</summary>
    private double Reachable(DagGraph graph, int from, int[] seen, int stamp, Stack<int> stack)
    {
        var work = 0.0;
        stack.Push(from);
        seen[from] = stamp;
        while (stack.TryPop(out var u))
        {
            foreach (var v in graph.Parents(u))
            {
                if (seen[v] != stamp)
                {
                    seen[v] = stamp;
                    work += _weights[v];
                    stack.Push(v);
                }
            }
        }

        return work;
    }
}
