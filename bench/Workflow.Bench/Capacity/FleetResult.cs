namespace Workflow.Bench.Capacity;

/// <summary>Start lag and deadlines of one group of runs (weekly, daily, small).</summary>
internal sealed record GroupResult(string Group, int Runs, double LagP50, double LagP99, double LagMax,
    int Unfinished, int DeadlineMissed, double? WorstSlackSeconds, DateTimeOffset? LastDone)
{
    public bool MeetsGoals => LagMax <= UserLoad.StartGoal.TotalSeconds && MeetsDeadlines;

    public bool MeetsDeadlines => DeadlineMissed == 0 && Unfinished == 0;
}

/// <summary>What one simulation on a given worker count shows.</summary>
/// <remarks>
/// <see cref="LowerBound"/> is the work of the runs that have deadlines over the time from the first of them ready
/// to the last deadline: fewer workers cannot finish that work in time, whatever the order.
/// </remarks>
internal sealed record FleetResult(int Workers, IReadOnlyList<GroupResult> Groups, double BusySeconds,
    double SpanSeconds, int PeakBusy, long Tasks, int Failed, TimeSpan Elapsed, int LowerBound)
{
    public bool MeetsGoals => Failed == 0 && Groups.All(g => g.MeetsGoals);

    public bool MeetsDeadlines => Failed == 0 && Groups.All(g => g.MeetsDeadlines);

    /// <summary>Busy worker time over worker time, from the first run created to the last one done.</summary>
    public double Utilisation => SpanSeconds > 0 ? BusySeconds / (Math.Min(Workers, PeakBusy) * SpanSeconds) : 0;

    public static FleetResult From(IReadOnlyList<RunSpec> runs, double[] first, double[] done, double[] busy,
        DateTimeOffset epoch, int workers, double busySeconds, int peakBusy, long tasks, int failed, TimeSpan elapsed)
    {
        var bounded = Enumerable.Range(0, runs.Count)
            .Select(r => (Run: r, Deadline: runs[r].Job.DeadlineOf(runs[r].Due))).Where(x => x.Deadline is not null)
            .ToList();
        var window = bounded.Count == 0 ? 0
            : (bounded.Max(x => x.Deadline!.Value) - bounded.Min(x => runs[x.Run].Ready)).TotalSeconds;
        var lowerBound = window > 0 ? (int)Math.Ceiling(bounded.Sum(x => busy[x.Run]) / window) : 0;
        var groups = new List<GroupResult>();
        foreach (var group in Enumerable.Range(0, runs.Count).GroupBy(r => runs[r].Job.Group))
        {
            var lags = group.Where(r => !double.IsNaN(first[r]))
                .Select(r => first[r] - (runs[r].Due - epoch).TotalSeconds).Order().ToArray();
            var unfinished = group.Count(r => double.IsNaN(done[r]));
            var missed = 0;
            double? slack = null;
            foreach (var r in group.Where(r => !double.IsNaN(done[r])))
            {
                if (runs[r].Job.DeadlineOf(runs[r].Due) is { } deadline)
                {
                    var s = (deadline - epoch).TotalSeconds - done[r];
                    slack = slack is null ? s : Math.Min(slack.Value, s);
                    missed += s < 0 ? 1 : 0;
                }
            }

            var last = group.Select(r => done[r]).Where(d => !double.IsNaN(d)).DefaultIfEmpty(double.NaN).Max();
            groups.Add(new GroupResult(group.Key, group.Count(), Percentile(lags, 0.50), Percentile(lags, 0.99),
                lags.Length == 0 ? double.NaN : lags[^1], unfinished, missed, slack,
                double.IsNaN(last) ? null : epoch.AddSeconds(last)));
        }

        var start = runs.Count == 0 ? 0 : (runs[0].Ready - epoch).TotalSeconds;
        var end = done.Where(d => !double.IsNaN(d)).DefaultIfEmpty(start).Max();
        return new FleetResult(workers, groups, busySeconds, end - start, peakBusy, tasks, failed, elapsed, lowerBound);
    }

    /// <summary>The nearest-rank percentile of sorted values.</summary>
    public static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
}
