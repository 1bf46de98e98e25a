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

    /// <summary>
    /// When finished tasks ran slower than their medians, assume the pending ones will too: a pending task is
    /// forecast at max(p95, p50 × observed slowdown). This is what gives early warning when a run's data grows.
    /// </summary>
    public bool ExtrapolateSlowdown { get; init; } = true;

    /// <summary>The share of the run's total median work that must have finished before slowdown is extrapolated.</summary>
    public double SlowdownEvidence { get; init; } = 0.10;

    public static SlaMonitorSettings Default { get; } = new();
}
