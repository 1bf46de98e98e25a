namespace Workflow.Dag;

/// <summary>
/// Plays a run's dispatch under virtual time, on int arrays, as the run decider does it: a task is ready when all
/// its parents have finished; ready tasks take free slots in <see cref="DispatchOrder"/> (priority, then a dispatch
/// key, both descending, then the order they became ready in); finishing tasks are taken one at a time, by finish time and
/// then start order, each releasing its children before the free slots are filled again. Tasks without a slot
/// (timers) start as soon as they are ready. One play costs O((V+E) log V), so the decider can compare candidate
/// dispatch orders on the run's own DAG before the run starts.
/// </summary>
public sealed class ListScheduler
{
    /// <summary>A longer duration, which would overflow the tick arithmetic, counts as this (three centuries).</summary>
    public const double MaxSeconds = 1e10;

    private readonly DagGraph _graph;
    private readonly int[] _order;
    private readonly long[] _ticks;
    private readonly int[] _priorities;
    private readonly bool[] _slotless;
    private readonly int _slots;

    /// <summary>
    /// <paramref name="seconds"/> are the durations, <paramref name="priorities"/> the task priorities (empty: all
    /// equal), <paramref name="slotless"/> marks tasks that hold no slot (empty: none), all indexed like the graph;
    /// <paramref name="order"/> is a topological order, whose sources are the first ready tasks in that order.
    /// </summary>
    public ListScheduler(DagGraph graph, ReadOnlySpan<int> order, ReadOnlySpan<double> seconds,
        ReadOnlySpan<int> priorities, int slots, ReadOnlySpan<bool> slotless = default)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentOutOfRangeException.ThrowIfLessThan(slots, 1);
        if (seconds.Length != graph.Count || order.Length != graph.Count)
        {
            throw new ArgumentException($"Expected {graph.Count} durations and an order of {graph.Count} tasks.");
        }

        _graph = graph;
        _order = order.ToArray();
        _ticks = new long[graph.Count];
        for (var i = 0; i < _ticks.Length; i++)
        {
            _ticks[i] = Ticks(seconds[i]);
        }

        _priorities = priorities.Length == graph.Count ? priorities.ToArray() : new int[graph.Count];
        _slotless = slotless.Length == graph.Count ? slotless.ToArray() : new bool[graph.Count];
        _slots = slots;
    }

    /// <summary>
    /// A duration in seconds as a play counts it: whole ticks, negatives as zero, at most <see cref="MaxSeconds"/>.
    /// </summary>
    public static long Ticks(double seconds) => (long)(Math.Clamp(seconds, 0, MaxSeconds) * TimeSpan.TicksPerSecond);

    /// <summary>The number of tasks.</summary>
    public int Count => _graph.Count;

    /// <summary>The time from the first start to the last finish when ready tasks are ordered by <paramref name="keys"/>.</summary>
    public TimeSpan Makespan(ReadOnlySpan<double> keys) => Play(keys, default);

    /// <summary>
    /// Plays the dispatch and writes each task's start, in seconds from the run's start, into
    /// <paramref name="startSeconds"/> when it has one entry per task; returns the makespan.
    /// </summary>
    public TimeSpan Play(ReadOnlySpan<double> keys, Span<double> startSeconds)
    {
        if (keys.Length != Count)
        {
            throw new ArgumentException($"Expected {Count} keys, got {keys.Length}.", nameof(keys));
        }

        var play = new Playback(this, keys.ToArray(), startSeconds.Length == Count);
        var makespan = play.Run();
        if (startSeconds.Length == Count)
        {
            for (var i = 0; i < Count; i++)
            {
                startSeconds[i] = (double)play.Starts[i] / TimeSpan.TicksPerSecond;
            }
        }

        return TimeSpan.FromTicks(makespan);
    }

    /// <summary>One play's mutable state: waiting parents, the ready queue and the running tasks.</summary>
    private sealed class Playback(ListScheduler plan, double[] keys, bool recordStarts)
    {
        private readonly int[] _waiting = new int[plan.Count];
        private readonly PriorityQueue<int, (int Priority, double Key, long Sequence)> _ready =
            new(DispatchOrder.Instance);
        private readonly PriorityQueue<int, (long Finish, long Started)> _running = new();
        private long _now;
        private long _sequence;
        private long _started;
        private int _free = plan._slots;

        public long[] Starts { get; } = recordStarts ? new long[plan.Count] : [];

        public long Run()
        {
            var graph = plan._graph;
            foreach (var t in plan._order)
            {
                _waiting[t] = graph.Parents(t).Length;
                if (_waiting[t] == 0)
                {
                    MakeReady(t);
                }
            }

            Fill();
            while (_running.TryDequeue(out var t, out var at))
            {
                _now = at.Finish;
                if (!plan._slotless[t])
                {
                    _free++;
                }

                foreach (var child in graph.Children(t))
                {
                    if (--_waiting[child] == 0)
                    {
                        MakeReady(child);
                    }
                }

                Fill();
            }

            return _now;
        }

        private void MakeReady(int t)
        {
            if (plan._slotless[t])
            {
                Start(t);
            }
            else
            {
                _ready.Enqueue(t, (plan._priorities[t], keys[t], _sequence++));
            }
        }

        private void Fill()
        {
            while (_free > 0 && _ready.TryDequeue(out var t, out _))
            {
                _free--;
                Start(t);
            }
        }

        private void Start(int t)
        {
            if (recordStarts)
            {
                Starts[t] = _now;
            }

            _running.Enqueue(t, (_now + plan._ticks[t], _started++));
        }
    }
}
