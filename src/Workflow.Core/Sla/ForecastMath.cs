namespace Workflow.Sla;

/// <summary>
/// The arithmetic of the forecast, shared by the from-scratch <see cref="CompletionForecast"/> and the incremental
/// <see cref="ForecastIndex"/> so that the two agree to the bit. Durations are in "slowdown units": ticks divided
/// by the observed slowdown. Pending work then does not change when the slowdown does (a log-normal scaled by s
/// has its mean scaled by s and its variance by s²); only a running attempt's elapsed time is divided by it, and
/// the result is multiplied back at the end.
/// </summary>
internal static class ForecastMath
{
    private const double Z95 = 1.6448536269514722;

    /// <summary>A task's whole duration, for a task that has not started.</summary>
    public static RemainingWork Whole(TaskSla task, ForecastMode mode)
    {
        var (p50, p95) = Quantiles(task);
        return mode == ForecastMode.SumOfP95 ? RemainingWork.Certain(p95) : RemainingWork.LogNormal(p50, p95);
    }

    /// <summary>
    /// What a running attempt has left: max(p95 − elapsed, elapsed − p95, (p95 − p50) / 2) as its p95, in the
    /// whole duration's shape.
    /// </summary>
    public static RemainingWork Left(TaskSla task, ForecastMode mode, double elapsedTicks, double slowdown)
    {
        var (p50, p95) = Quantiles(task);
        var elapsed = elapsedTicks / slowdown;
        return Whole(task, mode).WithP95(Math.Max(Math.Max(p95 - elapsed, elapsed - p95), (p95 - p50) / 2));
    }

    /// <summary>
    /// The running attempts of tasks not yet done, in <see cref="SlaMonitorState.Running"/>'s order: each task's
    /// longest-left attempt (by p95; the first on a tie), and the sum of all of them.
    /// </summary>
    public static RunningWork Running(SlaMonitorState state, DateTimeOffset now, double slowdown)
    {
        var own = new Dictionary<string, RemainingWork>(StringComparer.Ordinal);
        double mean = 0, variance = 0;
        foreach (var attempt in state.Running.Values)
        {
            if (!state.Tasks.TryGetValue(attempt.TaskId, out var task) || task.Phase == TaskPhase.Done)
            {
                continue;
            }

            var left = Left(task, state.Settings.Mode, (now - attempt.StartedAt).Ticks, slowdown);
            mean += left.Mean;
            variance += left.Variance;
            own[task.Id] = own.TryGetValue(task.Id, out var o) && o.Quantile95 >= left.Quantile95 ? o : left;
        }

        return new RunningWork(own, mean, variance);
    }

    /// <summary>
    /// The path that ends with <paramref name="task"/>: a pending task waits for its dependency whose path has the
    /// largest p95 (the first on a tie); a running task's path starts now.
    /// </summary>
    public static RemainingWork PathTo(TaskSla task, RemainingWork own, Func<string, RemainingWork> pathTo)
    {
        var before = RemainingWork.Zero;
        if (task.Phase == TaskPhase.Pending)
        {
            foreach (var dep in task.DependsOn)
            {
                before = Longer(before, pathTo(dep));
            }
        }

        return before.Then(own);
    }

    /// <summary>Of a task's dependencies' paths, the one it waits for: the largest p95, the first on a tie.</summary>
    public static RemainingWork Longer(RemainingWork longest, RemainingWork path) =>
        path.Quantile95 > longest.Quantile95 ? path : longest;

    /// <summary>
    /// A pending task's share of the remaining work, in whole ticks and ticks², so that sums of many are exact
    /// whatever the order they are added or taken away in.
    /// </summary>
    public static (Int128 Mean, Int128 Variance) Exact(RemainingWork whole) =>
        ((Int128)Math.Round(whole.Mean), (Int128)Math.Round(whole.Variance));

    public static Forecast Compose(SlaMonitorState state, DateTimeOffset now, double slowdown, double critical,
        Int128 pendingMean, Int128 pendingVariance, RunningWork running)
    {
        var mean = (double)pendingMean + running.Mean;
        var variance = (double)pendingVariance + running.Variance;
        var sumOfP95 = state.Settings.Mode == ForecastMode.SumOfP95;
        var spread = (mean + (sumOfP95 ? 0 : Z95 * Math.Sqrt(variance))) / Math.Max(1, state.MaxParallelTasks);
        var predicted = TimeSpan.FromTicks((long)Math.Ceiling(slowdown * Math.Max(critical, spread)));
        return new Forecast(now + predicted, TimeSpan.FromTicks((long)(slowdown * critical)),
            TimeSpan.FromTicks((long)(slowdown * spread)), slowdown);
    }

    private static (double P50, double P95) Quantiles(TaskSla task)
    {
        double p50 = task.Estimate.P50.Ticks;
        return (p50, Math.Max(task.Estimate.P95.Ticks, p50));
    }
}

/// <summary>Each running task's longest-left attempt, and the sums over every running attempt.</summary>
internal sealed record RunningWork(Dictionary<string, RemainingWork> Own, double Mean, double Variance);
