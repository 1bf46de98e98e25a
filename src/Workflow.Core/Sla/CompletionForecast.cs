namespace Workflow.Sla;

/// <summary>
/// Predicts when a run will finish: now plus the longer of the remaining critical path and the remaining work
/// spread over the run's parallelism. Pending tasks count with their whole estimate (scaled by the observed
/// slowdown). A running task counts at a p95 of max(p95 − elapsed, elapsed − p95, (p95 − p50) / 2): within its
/// p95 it has the rest of it left; past it, it is assumed to need about as much again as it has overrun, so a
/// stuck task pushes the forecast out further the longer it runs.
/// </summary>
/// <remarks>
/// This is the forecast worked out from scratch, over every task. The monitor itself keeps a
/// <see cref="ForecastIndex"/> that updates from what changed and gives the same result.
/// </remarks>
public static class CompletionForecast
{
    /// <summary>One-sided 99%: a few tasks' normal variance must not read as a trend.</summary>
    private const double SlowdownZ = 2.3263478740408408;

    public static Forecast Predict(SlaMonitorState state, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(state);
        var slowdown = Slowdown(state);
        var running = ForecastMath.Running(state, now, slowdown);
        var remaining = new Dictionary<string, RemainingWork>(StringComparer.Ordinal);
        Int128 pendingMean = 0, pendingVariance = 0;
        foreach (var task in state.Tasks.Values)
        {
            if (task.Phase == TaskPhase.Done)
            {
                continue;
            }

            if (running.Own.TryGetValue(task.Id, out var own))
            {
                remaining[task.Id] = own;
                continue;
            }

            var whole = ForecastMath.Whole(task, state.Settings.Mode);
            var (mean, variance) = ForecastMath.Exact(whole);
            pendingMean += mean;
            pendingVariance += variance;
            remaining[task.Id] = whole;
        }

        var critical = 0.0;
        var memo = new Dictionary<string, RemainingWork>(StringComparer.Ordinal);
        foreach (var id in remaining.Keys)
        {
            critical = Math.Max(critical, PathTo(state, id, remaining, memo, depth: 0).Quantile95);
        }

        return ForecastMath.Compose(state, now, slowdown, critical, pendingMean, pendingVariance, running);
    }

    /// <summary>
    /// How much slower than expected the succeeded attempts ran, once enough of the run is done to say: the
    /// observed total over the expected mean total, after taking 2.33 standard deviations of normal variance off
    /// the observed total. Never below 1, so a fast run does not make the forecast optimistic.
    /// </summary>
    public static double Slowdown(SlaMonitorState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (!state.Settings.ExtrapolateSlowdown || state.ObservedExpectedMean <= 0)
        {
            return 1.0;
        }

        var total = state.TotalMedianTicks > 0
            ? state.TotalMedianTicks
            : state.Tasks.Values.Sum(t => t.Estimate.P50.Ticks);
        if (total > 0 && state.ObservedMedianTicks < state.Settings.SlowdownEvidence * total)
        {
            return 1.0;
        }

        var lowerBound = state.ObservedTicks - (SlowdownZ * Math.Sqrt(state.ObservedExpectedVariance));
        return Math.Max(1.0, lowerBound / state.ObservedExpectedMean);
    }

    private static RemainingWork PathTo(SlaMonitorState state, string id, Dictionary<string, RemainingWork> remaining,
        Dictionary<string, RemainingWork> memo, int depth)
    {
        if (memo.TryGetValue(id, out var known))
        {
            return known;
        }

        // Definitions are validated as acyclic elsewhere; the guard only keeps a bad one from overflowing the stack.
        if (depth > state.Tasks.Count || !remaining.TryGetValue(id, out var own))
        {
            return RemainingWork.Zero;
        }

        var path = ForecastMath.PathTo(state.Tasks[id], own, dep => PathTo(state, dep, remaining, memo, depth + 1));
        memo[id] = path;
        return path;
    }
}

/// <summary>A forecast and the two bounds it took the larger of.</summary>
public sealed record Forecast(DateTimeOffset PredictedFinish, TimeSpan CriticalPath, TimeSpan WorkOverParallelism,
    double Slowdown);
