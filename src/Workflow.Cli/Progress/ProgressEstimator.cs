using Workflow.Cli.Api;

namespace Workflow.Cli.Progress;

/// <summary>
/// The pure progress computation behind <c>wf watch</c>: a function of the run's task states, the expected durations
/// (the server's estimates, see <see cref="Watching.PipelineShape.ExpectedWith"/>), the server's critical path and
/// the current instant, with no I/O and no clock of its own.
/// </summary>
/// <remarks>
/// The ETA and the critical path are the server's (<c>GET /api/runs/{runId}/critical-path</c>, one rule for the API,
/// the CLI and the dashboard); there is none when the server gave none or when no unfinished task has an estimate.
/// The progress bar weighs tasks by their estimate: the expected duration; failing that, the mean duration of its
/// finished siblings (mapped instances of the same task); failing that, the mean of all finished tasks of the run;
/// failing that, the mean of the other estimates; with no estimate at all, it counts tasks.
/// </remarks>
public static class ProgressEstimator
{
    public static RunProgress Estimate(string runStatus, IReadOnlyList<TaskInfo> tasks,
        IReadOnlyDictionary<string, TimeSpan> expectedByTaskId, RunCriticalPath? critical, DateTimeOffset now)
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

        var runFinished = States.IsRunFinished(runStatus);
        var fraction = runFinished ? 1.0 : Fraction(tasks, Weights(tasks, expectedByTaskId), now);
        var unestimated = critical?.Unestimated ?? [];
        TimeSpan? remaining = runFinished ? TimeSpan.Zero
            : critical is { EtaKnown: true } ? TimeSpan.FromSeconds(critical.RemainingSeconds) : null;
        return new RunProgress(tasks.Count, succeeded, failed, skipped, cancelled, running, waiting, fraction,
            remaining, critical?.Path.Select(p => p.TaskKey).ToList() ?? [], unestimated.Count,
            critical?.Overdue.Count ?? 0);
    }

    private static TimeSpan[]? Weights(IReadOnlyList<TaskInfo> tasks, IReadOnlyDictionary<string, TimeSpan> expected)
    {
        var observed = tasks
            .Where(t => States.IsTaskFinished(t.Status) && t.StartedAt is not null && t.FinishedAt is not null)
            .Select(t => (t.TaskId, Duration: Max(t.FinishedAt!.Value - t.StartedAt!.Value, TimeSpan.Zero)))
            .ToList();
        var observedMean = Mean(observed.Select(o => o.Duration));
        var weights = new TimeSpan?[tasks.Count];
        for (var i = 0; i < tasks.Count; i++)
        {
            weights[i] = expected.TryGetValue(tasks[i].TaskId, out var e) ? e
                : Mean(observed.Where(o => o.TaskId == tasks[i].TaskId).Select(o => o.Duration)) ?? observedMean;
        }

        var knownMean = Mean(weights.Where(w => w is not null).Select(w => w!.Value));
        return knownMean is null ? null : weights.Select(w => w ?? knownMean.Value).ToArray();
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
