using System.Collections.Immutable;

namespace Workflow.Sla;

/// <summary>
/// The forecast kept up to date from what changed, so that an event costs what it touches rather than the whole
/// run. A task not yet done is either <em>settled</em>, its path to it fixed until something upstream changes (no
/// running attempt on it, and, when it is pending, every dependency done or settled), or it moves with the clock
/// (it is running, or pending behind one that does). Settled paths are kept with a running maximum, and pending
/// work as exact sums; on each event only the tasks that changed and the pending tasks below them are worked out
/// again, and a forecast works out only the running tasks and the pending tasks below them.
/// <see cref="CompletionForecast.Predict"/> works out the same from scratch; a property test holds the two equal.
/// </summary>
internal sealed record ForecastIndex
{
    private static readonly Comparer<(double Quantile95, string Id)> ByQuantile = Comparer<(double, string)>.Create(
        (a, b) => a.Item1 != b.Item1 ? a.Item1.CompareTo(b.Item1) : string.CompareOrdinal(a.Item2, b.Item2));

    private TaskGraph Graph { get; init; } = null!;
    private ForecastMode Mode { get; init; }
    private ImmutableDictionary<string, RemainingWork> Settled { get; init; } =
        ImmutableDictionary.Create<string, RemainingWork>(StringComparer.Ordinal);
    private ImmutableSortedSet<(double Quantile95, string Id)> SettledByQuantile { get; init; } =
        ImmutableSortedSet<(double Quantile95, string Id)>.Empty.WithComparer(ByQuantile);

    /// <summary>Tasks whose whole estimate is in the pending sums: not done, and no attempt running.</summary>
    private ImmutableHashSet<string> Counted { get; init; } = ImmutableHashSet.Create<string>(StringComparer.Ordinal);
    private Int128 PendingMean { get; init; }
    private Int128 PendingVariance { get; init; }

    /// <summary>Tasks changed since the last <see cref="Refresh"/>, and the state those changes led to.</summary>
    private ImmutableHashSet<string> Dirty { get; init; } = ImmutableHashSet.Create<string>(StringComparer.Ordinal);
    private ImmutableDictionary<string, TaskSla>? SeenTasks { get; init; }
    private ImmutableDictionary<string, RunningAttempt>? SeenRunning { get; init; }

    /// <summary>An index with every task still to be worked out, for the first <see cref="Refresh"/>.</summary>
    public static ForecastIndex Build(SlaMonitorState state) => new()
    {
        Graph = TaskGraph.Of(state.Tasks),
        Mode = state.Settings.Mode,
        Dirty = ImmutableHashSet.CreateRange(StringComparer.Ordinal, state.Tasks.Keys),
        SeenTasks = state.Tasks,
        SeenRunning = state.Running,
    };

    /// <summary>Notes that a task's record or its running attempts changed, leading to these tasks and attempts.</summary>
    public ForecastIndex Touched(string taskId, ImmutableDictionary<string, TaskSla> tasks,
        ImmutableDictionary<string, RunningAttempt> running) =>
        this with { Dirty = Dirty.Add(taskId), SeenTasks = tasks, SeenRunning = running };

    /// <summary>
    /// Brings the index up to <paramref name="state"/>. A state changed other than through its own methods (so the
    /// index did not see it) is indexed again from scratch.
    /// </summary>
    public ForecastIndex Refresh(SlaMonitorState state)
    {
        if (!ReferenceEquals(SeenTasks, state.Tasks) || !ReferenceEquals(SeenRunning, state.Running) ||
            Mode != state.Settings.Mode)
        {
            return Build(state).Refresh(state);
        }

        if (Dirty.IsEmpty)
        {
            return this;
        }

        var running = RunningTasks(state);
        var (counted, pendingMean, pendingVariance) = Count(state, running);
        var settled = Settled.ToBuilder();
        var byQuantile = SettledByQuantile.ToBuilder();
        var moving = new HashSet<string>(StringComparer.Ordinal);
        foreach (var id in Graph.PendingDownstream(Dirty, state.Tasks))
        {
            if (settled.Remove(id, out var old))
            {
                byQuantile.Remove((old.Quantile95, id));
            }

            var task = state.Tasks[id];
            if (task.Phase == TaskPhase.Done)
            {
                continue;
            }

            if (running.Contains(id) || (task.Phase == TaskPhase.Pending && task.DependsOn.Any(d =>
                    moving.Contains(d) ||
                    (state.Tasks.TryGetValue(d, out var dep) && dep.Phase != TaskPhase.Done && !settled.ContainsKey(d)))))
            {
                moving.Add(id);
                continue;
            }

            var path = ForecastMath.PathTo(task, ForecastMath.Whole(task, Mode),
                dep => settled.TryGetValue(dep, out var p) ? p : RemainingWork.Zero);
            settled[id] = path;
            byQuantile.Add((path.Quantile95, id));
        }

        return this with
        {
            Counted = counted,
            PendingMean = pendingMean,
            PendingVariance = pendingVariance,
            Settled = settled.ToImmutable(),
            SettledByQuantile = byQuantile.ToImmutable(),
            Dirty = Dirty.Clear(),
        };
    }

    /// <summary>The forecast at <paramref name="now"/> for the state this index was last refreshed to.</summary>
    public Forecast Predict(SlaMonitorState state, DateTimeOffset now)
    {
        var slowdown = CompletionForecast.Slowdown(state);
        var running = ForecastMath.Running(state, now, slowdown);
        var critical = SettledByQuantile.Count > 0 ? SettledByQuantile.Max.Quantile95 : 0.0;
        var moving = new Dictionary<string, RemainingWork>(StringComparer.Ordinal);
        foreach (var id in Graph.PendingDownstream(running.Own.Keys, state.Tasks))
        {
            var task = state.Tasks[id];
            var own = running.Own.TryGetValue(id, out var left) ? left : ForecastMath.Whole(task, Mode);
            var path = ForecastMath.PathTo(task, own, dep =>
                moving.TryGetValue(dep, out var p) || Settled.TryGetValue(dep, out p) ? p : RemainingWork.Zero);
            moving[id] = path;
            critical = Math.Max(critical, path.Quantile95);
        }

        return ForecastMath.Compose(state, now, slowdown, critical, PendingMean, PendingVariance, running);
    }

    /// <summary>
    /// The pending sums after the dirty tasks: each one's whole estimate is taken out if it was counted, and counted
    /// again if it is still pending with no attempt running. The sums are exact, so the order does not matter.
    /// </summary>
    private (ImmutableHashSet<string> Counted, Int128 Mean, Int128 Variance) Count(SlaMonitorState state,
        HashSet<string> running)
    {
        var counted = Counted.ToBuilder();
        var mean = PendingMean;
        var variance = PendingVariance;
        foreach (var id in Dirty)
        {
            if (!state.Tasks.TryGetValue(id, out var task))
            {
                continue;
            }

            // Estimates are set when the monitor starts, so the share taken out is the one that was counted.
            var (m, v) = ForecastMath.Exact(ForecastMath.Whole(task, Mode));
            if (counted.Remove(id))
            {
                mean -= m;
                variance -= v;
            }

            if (task.Phase != TaskPhase.Done && !running.Contains(id))
            {
                counted.Add(id);
                mean += m;
                variance += v;
            }
        }

        return (counted.ToImmutable(), mean, variance);
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
