namespace Workflow.Sla;

/// <summary>
/// Predicts when a run will finish: now plus the longer of the remaining critical path and the remaining work
/// spread over the run's parallelism. Pending tasks count at their p95 (or p50 × the observed slowdown when
/// that is larger); a running task counts at max(p95 − elapsed, elapsed − p50), so a task that overruns is
/// assumed to need about as much again as it has overrun its median.
/// </summary>
public static class CompletionForecast
{
    public static Forecast Predict(SlaMonitorState state, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(state);
        var slowdown = Slowdown(state);
        var remaining = new Dictionary<string, TimeSpan>(StringComparer.Ordinal);
        var work = TimeSpan.Zero;
        foreach (var task in state.Tasks.Values)
        {
            if (task.Phase == TaskPhase.Done)
            {
                continue;
            }

            var p95 = Scaled(task.Estimate, slowdown, out var p50);
            var own = TimeSpan.Zero;
            var anyRunning = false;
            foreach (var attempt in state.Running.Values)
            {
                if (attempt.TaskId != task.Id)
                {
                    continue;
                }

                anyRunning = true;
                var elapsed = now - attempt.StartedAt;
                var left = Max(Max(p95 - elapsed, elapsed - p50), TimeSpan.Zero);
                own = Max(own, left);
                work += left;
            }

            if (!anyRunning)
            {
                own = p95;
                work += p95;
            }

            remaining[task.Id] = own;
        }

        var critical = TimeSpan.Zero;
        var memo = new Dictionary<string, TimeSpan>(StringComparer.Ordinal);
        foreach (var id in remaining.Keys)
        {
            critical = Max(critical, FinishFromNow(state, id, remaining, memo, depth: 0));
        }

        var spread = TimeSpan.FromTicks(work.Ticks / Math.Max(1, state.MaxParallelTasks));
        return new Forecast(now + Max(critical, spread), critical, spread, slowdown);
    }

    /// <summary>
    /// How much slower than their medians the succeeded attempts ran, once enough of the run is done to say;
    /// never below 1, so a fast run does not make the forecast optimistic.
    /// </summary>
    public static double Slowdown(SlaMonitorState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (!state.Settings.ExtrapolateSlowdown || state.ObservedMedianTicks <= 0)
        {
            return 1.0;
        }

        var total = state.Tasks.Values.Sum(t => t.Estimate.P50.Ticks);
        if (total > 0 && state.ObservedMedianTicks < state.Settings.SlowdownEvidence * total)
        {
            return 1.0;
        }

        return Math.Max(1.0, state.ObservedTicks / (double)state.ObservedMedianTicks);
    }

    private static TimeSpan Scaled(DurationEstimate estimate, double slowdown, out TimeSpan p50)
    {
        p50 = TimeSpan.FromTicks((long)(estimate.P50.Ticks * slowdown));
        return Max(estimate.P95, p50);
    }

    private static TimeSpan FinishFromNow(SlaMonitorState state, string id, Dictionary<string, TimeSpan> remaining,
        Dictionary<string, TimeSpan> memo, int depth)
    {
        if (memo.TryGetValue(id, out var known))
        {
            return known;
        }

        // Definitions are validated as acyclic elsewhere; the guard only keeps a bad one from overflowing the stack.
        if (depth > state.Tasks.Count || !remaining.TryGetValue(id, out var own))
        {
            return TimeSpan.Zero;
        }

        var before = TimeSpan.Zero;
        if (state.Tasks.TryGetValue(id, out var task) && task.Phase == TaskPhase.Pending)
        {
            foreach (var dep in task.DependsOn)
            {
                before = Max(before, FinishFromNow(state, dep, remaining, memo, depth + 1));
            }
        }

        var finish = before + own;
        memo[id] = finish;
        return finish;
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}

/// <summary>A forecast and the two bounds it took the larger of.</summary>
public sealed record Forecast(DateTimeOffset PredictedFinish, TimeSpan CriticalPath, TimeSpan WorkOverParallelism,
    double Slowdown);
