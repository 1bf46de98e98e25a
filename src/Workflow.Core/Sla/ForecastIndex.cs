using System.Collections.Immutable;

namespace Workflow.Sla;

/// <summary>
/// The forecast kept up to date from what changed, so that an event costs what it touches rather than the whole
/// run. A task not yet done is either <em>settled</em>, its path to it fixed until something upstream changes (no
/// running attempt on it, and, when it is pending, every dependency done or settled), or it moves with the clock
/// (it is running, or pending behind one that does). Settled paths are kept with a running maximum, and pending
/// work as exact sums; on each refresh only the tasks that changed and the pending tasks below them are worked out
/// again, and a forecast works out only the running tasks and the pending tasks below them.
/// <see cref="CompletionForecast.Predict"/> works out the same from scratch; a property test holds the two equal.
/// </summary>
/// <remarks>
/// The index is a cache of one state version, and it is updated in place: <see cref="Touched"/> moves it from the
/// tasks and running attempts it follows to the new ones, so the state it came from no longer owns it. Anything
/// that hands the index a state it does not follow (an older state decided again, or a state changed other than
/// through its own methods) gets a new index built from scratch, so a decision still depends only on the state and
/// the event. In place rather than persistent, because a persistent set of 10,000 paths cost microseconds per
/// change in allocation alone. A decision claims the index (<see cref="TryClaim"/>) while it runs, so two callers
/// deciding states that share it at once never update it together: the one that finds it claimed builds its own.
/// </remarks>
internal sealed class ForecastIndex
{
    private readonly TaskGraph _graph;
    private readonly ForecastMode _mode;
    private readonly Dictionary<string, RemainingWork> _settled;

    /// <summary>
    /// The settled paths by p95, largest first, for the critical path. A path taken out of <see cref="_settled"/>
    /// stays here until it reaches the top (then it is dropped), which makes taking one out free.
    /// </summary>
    private readonly PriorityQueue<string, double> _settledByQuantile =
        new(Comparer<double>.Create((a, b) => b.CompareTo(a)));

    /// <summary>Tasks whose whole estimate is in the pending sums: not done, and no attempt running.</summary>
    private readonly HashSet<string> _counted;
    private Int128 _pendingMean;
    private Int128 _pendingVariance;

    /// <summary>Tasks changed since the last <see cref="Refresh"/>, and the state those changes led to.</summary>
    private readonly HashSet<string> _dirty;
    private ImmutableDictionary<string, TaskSla> _seenTasks;
    private ImmutableDictionary<string, RunningAttempt> _seenRunning;

    /// <summary>1 while a decision holds the index (<see cref="TryClaim"/>), 0 otherwise.</summary>
    private int _claimed;

    private ForecastIndex(SlaMonitorState state, TaskGraph graph)
    {
        _graph = graph;
        _mode = state.Settings.Mode;
        _settled = new Dictionary<string, RemainingWork>(state.Tasks.Count, StringComparer.Ordinal);
        _counted = new HashSet<string>(state.Tasks.Count, StringComparer.Ordinal);
        _dirty = new HashSet<string>(state.Tasks.Keys, StringComparer.Ordinal);
        _seenTasks = state.Tasks;
        _seenRunning = state.Running;
    }

    /// <summary>
    /// Claims the index for one decision: false when another decision holds it now, which must then not touch it.
    /// One interlocked instruction, paid once per decision, not per event.
    /// </summary>
    public bool TryClaim() => Interlocked.CompareExchange(ref _claimed, 1, 0) == 0;

    /// <summary>Ends the claim <see cref="TryClaim"/> made.</summary>
    public void Release() => Volatile.Write(ref _claimed, 0);

    /// <summary>An index with every task still to be worked out, for the first <see cref="Refresh"/>.</summary>
    public static ForecastIndex Build(SlaMonitorState state) => new(state, TaskGraph.Of(state.Tasks));

    /// <summary>
    /// Notes that a task's record or its running attempts changed from (<paramref name="tasksBefore"/>,
    /// <paramref name="runningBefore"/>) to (<paramref name="tasks"/>, <paramref name="running"/>). Null when this
    /// index did not follow the state before: the next refresh then builds one for the new state.
    /// </summary>
    public ForecastIndex? Touched(string taskId, ImmutableDictionary<string, TaskSla> tasksBefore,
        ImmutableDictionary<string, RunningAttempt> runningBefore, ImmutableDictionary<string, TaskSla> tasks,
        ImmutableDictionary<string, RunningAttempt> running)
    {
        if (!ReferenceEquals(_seenTasks, tasksBefore) || !ReferenceEquals(_seenRunning, runningBefore))
        {
            return null;
        }

        _dirty.Add(taskId);
        _seenTasks = tasks;
        _seenRunning = running;
        return this;
    }

    /// <summary>
    /// Brings the index up to <paramref name="state"/>. A state this index does not follow (an older one, or one
    /// changed other than through its own methods) gets a new index, built from scratch.
    /// </summary>
    public ForecastIndex Refresh(SlaMonitorState state)
    {
        if (!ReferenceEquals(_seenTasks, state.Tasks) || !ReferenceEquals(_seenRunning, state.Running) ||
            _mode != state.Settings.Mode)
        {
            return Build(state).Refresh(state);
        }

        if (_dirty.Count == 0)
        {
            return this;
        }

        var running = RunningTasks(state);
        Count(state, running);
        var moving = new HashSet<string>(StringComparer.Ordinal);
        foreach (var id in _graph.PendingDownstream(_dirty, state.Tasks))
        {
            _settled.Remove(id);
            var task = state.Tasks[id];
            if (task.Phase == TaskPhase.Done)
            {
                continue;
            }

            if (running.Contains(id) || (task.Phase == TaskPhase.Pending && task.DependsOn.Any(d =>
                    moving.Contains(d) ||
                    (state.Tasks.TryGetValue(d, out var dep) && dep.Phase != TaskPhase.Done &&
                     !_settled.ContainsKey(d)))))
            {
                moving.Add(id);
                continue;
            }

            var path = ForecastMath.PathTo(task, ForecastMath.Whole(task, _mode),
                dep => _settled.TryGetValue(dep, out var p) ? p : RemainingWork.Zero);
            _settled[id] = path;
            _settledByQuantile.Enqueue(id, path.Quantile95);
        }

        _dirty.Clear();
        DropTakenOut();
        return this;
    }

    /// <summary>The largest settled p95, or 0 when nothing is settled.</summary>
    private double CriticalSettled => _settledByQuantile.TryPeek(out _, out var quantile95) ? quantile95 : 0.0;

    /// <summary>
    /// Drops paths from the top of <see cref="_settledByQuantile"/> that are no longer settled with that p95, so
    /// the top is the critical settled path; and starts it afresh when taken-out paths outnumber the settled ones.
    /// </summary>
    private void DropTakenOut()
    {
        if (_settledByQuantile.Count > (2 * _settled.Count) + 64)
        {
            _settledByQuantile.Clear();
            _settledByQuantile.EnqueueRange(_settled.Select(p => (p.Key, p.Value.Quantile95)));
        }

        while (_settledByQuantile.TryPeek(out var id, out var quantile95) &&
               !(_settled.TryGetValue(id, out var path) && path.Quantile95 == quantile95))
        {
            _settledByQuantile.Dequeue();
        }
    }

    /// <summary>The forecast at <paramref name="now"/> for the state this index was last refreshed to.</summary>
    public Forecast Predict(SlaMonitorState state, DateTimeOffset now)
    {
        var slowdown = CompletionForecast.Slowdown(state);
        var running = ForecastMath.Running(state, now, slowdown);
        var critical = CriticalSettled;
        var moving = new Dictionary<string, RemainingWork>(StringComparer.Ordinal);
        foreach (var id in _graph.PendingDownstream(running.Own.Keys, state.Tasks))
        {
            var task = state.Tasks[id];
            var own = running.Own.TryGetValue(id, out var left) ? left : ForecastMath.Whole(task, _mode);
            var path = ForecastMath.PathTo(task, own, dep =>
                moving.TryGetValue(dep, out var p) || _settled.TryGetValue(dep, out p) ? p : RemainingWork.Zero);
            moving[id] = path;
            critical = Math.Max(critical, path.Quantile95);
        }

        return ForecastMath.Compose(state, now, slowdown, critical, _pendingMean, _pendingVariance, running);
    }

    /// <summary>
    /// The pending sums after the dirty tasks: each one's whole estimate is taken out if it was counted, and counted
    /// again if it is still pending with no attempt running. The sums are exact, so the order does not matter.
    /// </summary>
    private void Count(SlaMonitorState state, HashSet<string> running)
    {
        foreach (var id in _dirty)
        {
            if (!state.Tasks.TryGetValue(id, out var task))
            {
                continue;
            }

            // Estimates are set when the monitor starts, so the share taken out is the one that was counted.
            var (mean, variance) = ForecastMath.Exact(ForecastMath.Whole(task, _mode));
            if (_counted.Remove(id))
            {
                _pendingMean -= mean;
                _pendingVariance -= variance;
            }

            if (task.Phase != TaskPhase.Done && !running.Contains(id))
            {
                _counted.Add(id);
                _pendingMean += mean;
                _pendingVariance += variance;
            }
        }
    }

    /// <summary>The tasks that have an attempt running now.</summary>
    private static HashSet<string> RunningTasks(SlaMonitorState state)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var attempt in state.Running.Values)
        {
            ids.Add(attempt.TaskId);
        }

        return ids;
    }
}
