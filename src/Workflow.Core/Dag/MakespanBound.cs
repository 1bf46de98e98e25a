namespace Workflow.Dag;

/// <summary>
/// A lower bound on the makespan of every schedule of a DAG on k slots, not only of those a dispatch order gives:
/// a planner that reaches it can stop searching, and a makespan can be read against what is possible at all.
/// <para>
/// The model: durations are as given (p ≥ 0); a task starts after all its parents finish; a task with a slot holds
/// one of k identical slots from its start to its finish, without interruption; a slotless task (a timer) holds
/// none. Idle time is allowed. Any set of intervals at most k deep can be laid on k slots (interval graphs are
/// perfect), so "at most k running at once" and "k slots" are the same model. Writing S and C for start and
/// finish, head(t) for the longest chain of ancestors' durations, tail(t) for the longest chain of descendants',
/// and work(X) for the durations of X's tasks that hold a slot, every schedule satisfies each of these, and the
/// bound is the largest:
/// </para>
/// <list type="number">
/// <item>The critical path, max head(t) + p(t) + tail(t), and work(all) / k: k slots do at most k seconds of work a
/// second.</item>
/// <item>Per task t: all ancestors finish by S(t), so S(t) ≥ max(head(t), work(ancestors) / k); all descendants
/// start at or after C(t), so the run ends at or after C(t) + max(tail(t), work(descendants) / k).</item>
/// <item>Of any j·k + 1 tasks that hold a slot, some slot runs j + 1 of them one after another (pigeonhole), so the
/// run lasts at least the least head among them, plus the j + 1 shortest of their durations, plus the least tail
/// among them. The j·k + 1 longest tasks give the largest sum; every j ≥ 1 is tried.</item>
/// <item>Let R be the tasks whose rank p(t) + tail(t) is at least r. A parent's rank is at least its child's, so R
/// holds every ancestor of its members. Take u, a member of R that starts last and, among those starting then, has no
/// child in R (following children from a tie ends at one, since a child starts no earlier). Every member v with a
/// child w in R finishes by S(w) ≤ S(u), so S(u) ≥ work(members with a child in R) / k, and the run ends at or
/// after S(u) + rank(u) ≥ that + r. Every distinct rank r is tried.</item>
/// <item>Item 4 on the reversed DAG: a schedule played backwards in time is a schedule of the reversed DAG with the
/// same makespan, so with head(t) + p(t) for rank, R holding every descendant of its members, and "parents" for
/// "children".</item>
/// </list>
/// Building costs O(V log V + E), plus O((V+E)·V/64) for the ancestors' and descendants' work of item 2 (see
/// <see cref="DescendantSums"/>); above <see cref="MaxMaskVisits"/> that work is not computed and item 2 uses the
/// chains alone, which is still a bound. Each <see cref="Seconds"/> costs O(V+E). The property tests check the bound
/// against exact optima of small DAGs found by search.
/// </summary>
public sealed class MakespanBound
{
    /// <summary>The most (V+E)·⌈V/64⌉ for which item 2 adds up the ancestors' and descendants' work.</summary>
    public const long MaxMaskVisits = 4_000_000;

    private readonly DagGraph _graph;
    private readonly double[] _weights;
    private readonly double[] _work;
    private readonly double[] _head;
    private readonly double[] _tail;
    private readonly double[] _above;
    private readonly double[] _below;
    private readonly double[] _rank;
    private readonly double[] _depth;
    private readonly int[] _longest;
    private readonly int[] _byRank;
    private readonly int[] _byDepth;

    /// <summary>
    /// <paramref name="order"/> is a topological order of <paramref name="graph"/>; <paramref name="seconds"/> are the
    /// durations and <paramref name="slotless"/> marks tasks that hold no slot (empty: none), indexed like the graph.
    /// </summary>
    public MakespanBound(DagGraph graph, ReadOnlySpan<int> order, ReadOnlySpan<double> seconds,
        ReadOnlySpan<bool> slotless = default)
    {
        ArgumentNullException.ThrowIfNull(graph);
        var n = graph.Count;
        if (seconds.Length != n || order.Length != n)
        {
            throw new ArgumentException($"Expected {n} durations and an order of {n} tasks.");
        }

        _graph = graph;
        _weights = new double[n];
        _work = new double[n];
        for (var t = 0; t < n; t++)
        {
            _weights[t] = Math.Max(0, seconds[t]);
            _work[t] = slotless.Length == n && slotless[t] ? 0 : _weights[t];
            Work += _work[t];
        }

        var reversedOrder = order.ToArray();
        Array.Reverse(reversedOrder);
        _head = Longest(graph, order, _weights);
        _tail = Longest(graph.Reversed(), reversedOrder, _weights);
        var affordable = (long)(n + graph.EdgeCount) * ((n + 63) / 64) <= MaxMaskVisits;
        _above = affordable ? DescendantSums.Work(graph.Reversed(), reversedOrder, _work) : new double[n];
        _below = affordable ? DescendantSums.Work(graph, order, _work) : new double[n];
        _rank = new double[n];
        _depth = new double[n];
        for (var t = 0; t < n; t++)
        {
            _rank[t] = _weights[t] + _tail[t];
            _depth[t] = _head[t] + _weights[t];
            CriticalPath = Math.Max(CriticalPath, _depth[t] + _tail[t]);
        }

        _longest = Descending(Enumerable.Range(0, n).Where(t => _work[t] > 0).ToArray(), _weights);
        _byRank = Descending(Enumerable.Range(0, n).ToArray(), _rank);
        _byDepth = Descending(Enumerable.Range(0, n).ToArray(), _depth);
    }

    /// <summary>The longest chain of durations.</summary>
    public double CriticalPath { get; }

    /// <summary>The durations of the tasks that hold a slot, added up.</summary>
    public double Work { get; }

    /// <summary>max(critical path, work / slots): the weaker bound that makespans are reported against.</summary>
    public double Simple(int slots) => Math.Max(CriticalPath, Work / slots);

    /// <summary>The bound in seconds on <paramref name="slots"/> slots (items 1 to 5 above).</summary>
    public double Seconds(int slots)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(slots, 1);
        var best = Simple(slots);
        for (var t = 0; t < _weights.Length; t++)
        {
            best = Math.Max(best, Math.Max(_head[t], _above[t] / slots) + _weights[t]
                + Math.Max(_tail[t], _below[t] / slots));
        }

        best = Math.Max(best, LongestTasks(slots));
        best = Math.Max(best, RankSets(_graph, _byRank, _rank, slots));
        return Math.Max(best, RankSets(_graph.Reversed(), _byDepth, _depth, slots));
    }

    /// <summary>
    /// Per task, the least time from its start to the run's end on <paramref name="slots"/> slots (item 2's second
    /// half): p(t) + max(tail(t), work(descendants) / k). Upward rank with the descendants' work counted.
    /// </summary>
    public double[] TimeToEnd(int slots)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(slots, 1);
        var keys = new double[_weights.Length];
        for (var t = 0; t < keys.Length; t++)
        {
            keys[t] = _weights[t] + Math.Max(_tail[t], _below[t] / slots);
        }

        return keys;
    }

    private double LongestTasks(int slots)
    {
        var best = 0.0;
        var prefix = new double[_longest.Length + 1];
        var leastHead = double.MaxValue;
        var leastTail = double.MaxValue;
        for (var i = 0; i < _longest.Length; i++)
        {
            var t = _longest[i];
            prefix[i + 1] = prefix[i] + _weights[t];
            leastHead = Math.Min(leastHead, _head[t]);
            leastTail = Math.Min(leastTail, _tail[t]);

            // The first i + 1 = j·k + 1 longest: the j + 1 shortest of them are the last j + 1.
            if (i > 0 && i % slots == 0)
            {
                var j = i / slots;
                best = Math.Max(best, leastHead + (prefix[i + 1] - prefix[i - j]) + leastTail);
            }
        }

        return best;
    }

    /// <summary>
    /// Item 4 over <paramref name="graph"/>, whose parents rank at least as high as their children by
    /// <paramref name="rank"/>.
    /// </summary>
    private double RankSets(DagGraph graph, int[] byRank, double[] rank, int slots)
    {
        var best = 0.0;
        var counted = new bool[byRank.Length];
        var work = 0.0;
        for (var a = 0; a < byRank.Length; a++)
        {
            foreach (var p in graph.Parents(byRank[a]))
            {
                if (!counted[p])
                {
                    counted[p] = true;
                    work += _work[p];
                }
            }

            if (a + 1 == byRank.Length || rank[byRank[a + 1]] < rank[byRank[a]])
            {
                best = Math.Max(best, (work / slots) + rank[byRank[a]]);
            }
        }

        return best;
    }

    /// <summary>The longest chain of durations above each node of <paramref name="graph"/>, itself excluded.</summary>
    private static double[] Longest(DagGraph graph, ReadOnlySpan<int> order, double[] weights)
    {
        var longest = new double[graph.Count];
        foreach (var t in order)
        {
            foreach (var p in graph.Parents(t))
            {
                longest[t] = Math.Max(longest[t], longest[p] + weights[p]);
            }
        }

        return longest;
    }

    private static int[] Descending(int[] tasks, double[] key)
    {
        // Longest first, ties by index: Array.Sort is not stable, and the bound must not depend on its order.
        Array.Sort(tasks, (a, b) => key[a] != key[b] ? key[b].CompareTo(key[a]) : a.CompareTo(b));
        return tasks;
    }
}
