using System.Text.Json.Serialization;

namespace Workflow.Sla;

/// <summary>
/// Tuning of the SLA monitor that is not part of a pipeline's definition. It travels on
/// <see cref="MonitorStarted"/> so a replay uses the values the run started with.
/// </summary>
public sealed record SlaMonitorSettings
{
    /// <summary>How often the deadline forecast is re-evaluated while nothing else happens.</summary>
    public TimeSpan EvaluationInterval { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>An at-risk alert clears only once the forecast is this much inside the limit, so it does not flap.</summary>
    public TimeSpan ClearHysteresis { get; init; } = TimeSpan.FromMinutes(10);

    public ForecastMode Mode { get; init; } = ForecastMode.PathQuantile;

    /// <summary>
    /// When finished tasks ran slower than normal, assume the pending ones will too: their estimates are scaled by
    /// the observed slowdown, taken at its lower 99% confidence bound so that normal variance of a few tasks does
    /// not count as a trend. This is what gives early warning when a run's data grows.
    /// </summary>
    public bool ExtrapolateSlowdown { get; init; } = true;

    /// <summary>The share of the run's total median work that must have finished before slowdown is extrapolated.</summary>
    public double SlowdownEvidence { get; init; } = 0.10;

    public static SlaMonitorSettings Default { get; } = new();
}

/// <summary>How the remaining critical path is turned into one predicted duration.</summary>
public enum ForecastMode
{
    /// <summary>
    /// The p95 of the remaining path as a whole: each task is log-normal from its p50 and p95, means and variances
    /// add along the path. Sums of per-task p95s overstate a long chain, which would alarm on normal runs.
    /// </summary>
    [JsonStringEnumMemberName("path-quantile")] PathQuantile,

    /// <summary>The plain sum of each task's p95 along the path: simpler, and more pessimistic.</summary>
    [JsonStringEnumMemberName("sum-of-p95")] SumOfP95,
}
