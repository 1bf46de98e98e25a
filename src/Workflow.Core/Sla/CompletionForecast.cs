namespace Workflow.Sla;

/// <summary>
/// Predicts when a run will finish: now plus the longer of the remaining critical path and the remaining work
/// spread over the run's parallelism. Pending tasks count with their whole estimate (scaled by the observed
/// slowdown). A running task counts at a p95 of max(p95 − elapsed, elapsed − p95, (p95 − p50) / 2): within its
/// p95 it has the rest of it left; past it, it is assumed to need about as much again as it has overrun, so a
/// stuck task pushes the forecast out further the longer it runs.
/// </summary>
public static class CompletionForecast
{
    /// <summary>One-sided 99%: a few tasks' normal variance must not read as a trend.</summary>
    private const double SlowdownZ = 2.3263478740408408;

    public static Forecast Predict(SlaMonitorState state, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(state);
        var slowdown = Slowdown(state);
        var sumOfP95 = state.Settings.Mode == ForecastMode.SumOfP95;
        var remaining = new Dictionary<string, RemainingWork>(StringComparer.Ordinal);
        var work = RemainingWork.Zero;
        foreach (var task in state.Tasks.Values)
        {
            if (task.Phase == TaskPhase.Done)
            {
                continue;
            }

            var p50 = task.Estimate.P50.Ticks * slowdown;
            var p95 = Math.Max(task.Estimate.P95.Ticks * slowdown, p50);
            var whole = sumOfP95 ? RemainingWork.Certain(p95) : RemainingWork.LogNormal(p50, p95);
            RemainingWork? own = null;
            foreach (var attempt in state.Running.Values)
            {
                if (attempt.TaskId != task.Id)
                {
                    continue;
                }

                var elapsed = (now - attempt.StartedAt).Ticks;
                var left = whole.WithP95(Math.Max(Math.Max(p95 - elapsed, elapsed - p95), (p95 - p50) / 2));
                own = own is { } o && o.Quantile95 >= left.Quantile95 ? o : left;
                work = work.Then(left);
            }

            if (own is null)
            {
                work = work.Then(whole);
            }

            remaining[task.Id] = own ?? whole;
        }

        var critical = 0.0;
        var memo = new Dictionary<string, RemainingWork>(StringComparer.Ordinal);
        foreach (var id in remaining.Keys)
        {
            critical = Math.Max(critical, FinishFromNow(state, id, remaining, memo, depth: 0).Quantile95);
        }

        var parallel = Math.Max(1, state.MaxParallelTasks);
        var spread = (work.Mean + (sumOfP95 ? 0 : 1.6448536269514722 * Math.Sqrt(work.Variance))) / parallel;
        var predicted = TimeSpan.FromTicks((long)Math.Ceiling(Math.Max(critical, spread)));
        return new Forecast(now + predicted, TimeSpan.FromTicks((long)critical), TimeSpan.FromTicks((long)spread),
            slowdown);
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

        var total = state.Tasks.Values.Sum(t => (double)t.Estimate.P50.Ticks);
        if (total > 0 && state.ObservedMedianTicks < state.Settings.SlowdownEvidence * total)
        {
            return 1.0;
        }

        var lowerBound = state.ObservedTicks - (SlowdownZ * Math.Sqrt(state.ObservedExpectedVariance));
        return Math.Max(1.0, lowerBound / state.ObservedExpectedMean);
    }

    private static RemainingWork FinishFromNow(SlaMonitorState state, string id,
        Dictionary<string, RemainingWork> remaining, Dictionary<string, RemainingWork> memo, int depth)
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

        var before = RemainingWork.Zero;
        if (state.Tasks.TryGetValue(id, out var task) && task.Phase == TaskPhase.Pending)
        {
            foreach (var dep in task.DependsOn)
            {
                var path = FinishFromNow(state, dep, remaining, memo, depth + 1);
                before = path.Quantile95 > before.Quantile95 ? path : before;
            }
        }

        var finish = before.Then(own);
        memo[id] = finish;
        return finish;
    }
}

/// <summary>A forecast and the two bounds it took the larger of.</summary>
public sealed record Forecast(DateTimeOffset PredictedFinish, TimeSpan CriticalPath, TimeSpan WorkOverParallelism,
    double Slowdown);
