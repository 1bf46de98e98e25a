using Workflow.Model;

namespace Workflow.Sla;

/// <summary>
/// Turns recent successful durations into p50/p95 per task. Deterministic: the same samples give the same
/// estimate, which keeps deciders that receive estimates on their start event replay-safe.
/// </summary>
public sealed class DurationEstimator(DurationEstimatorOptions options)
{
    public DurationEstimator() : this(new DurationEstimatorOptions())
    {
    }

    public DurationEstimatorOptions Options { get; } = options;

    /// <summary>
    /// The estimate of a task with neither enough samples nor a configured duration. Estimates are immutable and
    /// most tasks of a large run share this one, so it is made once while <see cref="DurationEstimatorOptions.Default"/>
    /// stays what it was.
    /// </summary>
    private DurationEstimate ByDefault =>
        _byDefault is { } known && known.P50 == Options.Default
            ? known
            : _byDefault = DurationEstimate.Fixed(Options.Default, EstimateSource.Default);

    private DurationEstimate? _byDefault;

    /// <summary>Estimates one task from its durations, oldest first; only the newest <see cref="DurationEstimatorOptions.Window"/> count.</summary>
    public DurationEstimate Estimate(IReadOnlyList<TimeSpan> recentSuccessful, TimeSpan? configured)
    {
        ArgumentNullException.ThrowIfNull(recentSuccessful);
        var window = Math.Max(1, Options.Window);
        var recent = recentSuccessful.Count > window
            ? recentSuccessful.Skip(recentSuccessful.Count - window).ToArray()
            : recentSuccessful.ToArray();

        if (recent.Length >= Math.Max(1, Options.MinSamples))
        {
            var ticks = recent.Select(d => Math.Max(0, d.Ticks)).Order().ToArray();
            return new DurationEstimate(Percentile(ticks, 0.50), Percentile(ticks, 0.95), EstimateSource.History,
                recent.Length);
        }

        return configured is { } c && c > TimeSpan.Zero
            ? DurationEstimate.Fixed(c, EstimateSource.Configured)
            : ByDefault;
    }

    /// <summary>Estimates every task of a definition; <paramref name="history"/> answers per task id, oldest first.</summary>
    public IReadOnlyDictionary<string, DurationEstimate> EstimateTasks(PipelineDefinition definition,
        Func<string, IReadOnlyList<TimeSpan>> history)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(history);
        var result = new Dictionary<string, DurationEstimate>(definition.Tasks.Count, StringComparer.Ordinal);
        foreach (var task in definition.Tasks)
        {
            result[task.Id] = Estimate(history(task.Id), task.ExpectedDuration);
        }

        return result;
    }

    /// <summary>
    /// The expected duration of each task with history, for the run decider's upward rank. A task with enough
    /// samples is weighted by its p95, so a task that now and then runs very long is started early; with fewer
    /// samples the mean of those few is still a better guess than the configured value. Tasks without samples are
    /// left out and keep their configured expected duration.
    /// </summary>
    /// <param name="recentOldestFirst">Recent successful durations per task id, oldest first.</param>
    public IReadOnlyDictionary<string, TimeSpan> ExpectedForRank(
        IReadOnlyDictionary<string, IReadOnlyList<TimeSpan>> recentOldestFirst)
    {
        ArgumentNullException.ThrowIfNull(recentOldestFirst);
        var expected = new Dictionary<string, TimeSpan>(StringComparer.Ordinal);
        foreach (var (taskId, durations) in recentOldestFirst)
        {
            if (durations.Count == 0)
            {
                continue;
            }

            var estimate = Estimate(durations, configured: null);
            expected[taskId] = estimate.Source == EstimateSource.History
                ? estimate.P95
                : TimeSpan.FromTicks((long)durations.Average(d => d.Ticks));
        }

        return expected;
    }

    /// <summary>The p95 of each task, the shape the run decider's upward rank takes on RunStarted.</summary>
    public static IReadOnlyDictionary<string, TimeSpan> ForRank(IReadOnlyDictionary<string, DurationEstimate> estimates) =>
        estimates.ToDictionary(e => e.Key, e => e.Value.P95, StringComparer.Ordinal);

    /// <summary>Linear interpolation between closest ranks (the common "type 7" definition) over sorted ticks.</summary>
    internal static TimeSpan Percentile(IReadOnlyList<long> sortedTicks, double p)
    {
        if (sortedTicks.Count == 0)
        {
            throw new ArgumentException("At least one sample is needed.", nameof(sortedTicks));
        }

        var position = p * (sortedTicks.Count - 1);
        var lower = (int)Math.Floor(position);
        var upper = Math.Min(lower + 1, sortedTicks.Count - 1);
        var fraction = position - lower;
        var value = sortedTicks[lower] + ((sortedTicks[upper] - sortedTicks[lower]) * fraction);
        return TimeSpan.FromTicks((long)Math.Round(value, MidpointRounding.AwayFromZero));
    }
}
