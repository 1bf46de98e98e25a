using Workflow.Cli.Api;

namespace Workflow.Cli.Progress;

/// <summary>
/// The pure progress and ETA computation behind <c>wf watch</c>: a function of the run's task states, the
/// expected durations from the definition and the current instant, with no I/O and no clock of its own.
/// </summary>
/// <remarks>
/// A task's estimate is its configured expected duration; failing that, the mean duration of its finished
/// siblings (mapped instances of the same task); failing that, the mean of all finished tasks of the run
/// (the elapsed rate); failing that, the mean of the other estimates. The ETA is the longest path of remaining
/// work through the dependency graph: a running task has its estimate minus its elapsed time left, a waiting
/// task its whole estimate. Parallelism limits are ignored, so with tight limits the ETA is optimistic.
/// </remarks>
public static class ProgressEstimator
{
    public static RunProgress Estimate(string runStatus, IReadOnlyList<TaskInfo> tasks,
        IReadOnlyDictionary<string, TimeSpan> expectedByTaskId, DateTimeOffset now)
    {
        int succeeded = 0, failed = 0, skipped = 0, cancelled = 0, running = 0, waiting = 0;
        foreach (var task in tasks)
        {
            switch (task.Status.ToLowerInvariant())
            {
                case States.Succeeded: succeeded++; break;
                case States.Failed: failed++; break;
                case States.Skipped: skipped++; break;
                case States.Cancelled: cancelled++; break;
                case States.Running: running++; break;
                default: waiting++; break;
            }
        }

        var (weights, basis) = Weights(tasks, expectedByTaskId);
        var runFinished = States.IsRunFinished(runStatus);
        var fraction = runFinished ? 1.0 : Fraction(tasks, weights, now);
        TimeSpan? remaining = runFinished ? TimeSpan.Zero : null;
        var overdue = 0;
        if (!runFinished && weights is not null)
        {
            var left = new TimeSpan[tasks.Count];
            for (var i = 0; i < tasks.Count; i++)
            {
                left[i] = Left(tasks[i], weights[i], now, ref overdue);
            }

            remaining = CriticalPath.Longest(tasks, left);
        }

        return new RunProgress(tasks.Count, succeeded, failed, skipped, cancelled, running, waiting, fraction,
            remaining, weights is null ? EstimateBasis.None : basis, overdue);
    }

    private static (TimeSpan[]? Weights, EstimateBasis Basis) Weights(IReadOnlyList<TaskInfo> tasks,
        IReadOnlyDictionary<string, TimeSpan> expected)
    {
        var observed = tasks
            .Where(t => States.IsTaskFinished(t.Status) && t.StartedAt is not null && t.FinishedAt is not null)
            .Select(t => (t.TaskId, Duration: Max(t.FinishedAt!.Value - t.StartedAt!.Value, TimeSpan.Zero)))
            .ToList();
        var observedMean = Mean(observed.Select(o => o.Duration));
        var weights = new TimeSpan?[tasks.Count];
        bool fromExpected = false, fromObserved = false;
        for (var i = 0; i < tasks.Count; i++)
        {
            if (expected.TryGetValue(tasks[i].TaskId, out var e))
            {
                weights[i] = e;
                fromExpected = true;
                continue;
            }

            weights[i] = Mean(observed.Where(o => o.TaskId == tasks[i].TaskId).Select(o => o.Duration)) ?? observedMean;
            fromObserved |= weights[i] is not null;
        }

        var knownMean = Mean(weights.Where(w => w is not null).Select(w => w!.Value));
        if (knownMean is null)
        {
            return (null, EstimateBasis.None);
        }

        var basis = (fromExpected, fromObserved) switch
        {
            (true, true) => EstimateBasis.Mixed,
            (true, false) => EstimateBasis.ExpectedDurations,
            _ => EstimateBasis.ObservedDurations,
        };
        return (weights.Select(w => w ?? knownMean.Value).ToArray(), basis);
    }

    private static double Fraction(IReadOnlyList<TaskInfo> tasks, TimeSpan[]? weights, DateTimeOffset now)
    {
        if (tasks.Count == 0)
        {
            return 0;
        }

        var total = weights?.Sum(w => w.TotalSeconds) ?? 0;
        if (weights is null || total <= 0)
        {
            return tasks.Count(t => States.IsTaskFinished(t.Status)) / (double)tasks.Count;
        }

        double done = 0;
        for (var i = 0; i < tasks.Count; i++)
        {
            if (States.IsTaskFinished(tasks[i].Status))
            {
                done += weights[i].TotalSeconds;
            }
            else if (States.Is(tasks[i].Status, States.Running) && tasks[i].StartedAt is { } started)
            {
                done += Math.Min(Max(now - started, TimeSpan.Zero).TotalSeconds, weights[i].TotalSeconds);
            }
        }

        return Math.Clamp(done / total, 0, 1);
    }

    private static TimeSpan Left(TaskInfo task, TimeSpan weight, DateTimeOffset now, ref int overdue)
    {
        if (States.IsTaskFinished(task.Status))
        {
            return TimeSpan.Zero;
        }

        if (States.Is(task.Status, States.Running) && task.StartedAt is { } started)
        {
            var elapsed = now - started;
            if (elapsed > weight)
            {
                overdue++;
                return TimeSpan.Zero;
            }

            return weight - Max(elapsed, TimeSpan.Zero);
        }

        return weight;
    }

    private static TimeSpan? Mean(IEnumerable<TimeSpan> values)
    {
        long sum = 0;
        var count = 0;
        foreach (var value in values)
        {
            sum += value.Ticks;
            count++;
        }

        return count == 0 ? null : TimeSpan.FromTicks(sum / count);
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
