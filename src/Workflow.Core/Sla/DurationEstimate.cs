using System.Text.Json.Serialization;

namespace Workflow.Sla;

/// <summary>
/// What a task usually takes. Both the dispatch rank and the SLA monitor use it, so they agree on what
/// "normal" is; <see cref="Source"/> says how much to trust it (history beats a configured guess beats a default).
/// </summary>
public sealed record DurationEstimate(TimeSpan P50, TimeSpan P95, EstimateSource Source, int Samples)
{
    public static DurationEstimate Fixed(TimeSpan value, EstimateSource source) => new(value, value, source, 0);
}

/// <summary>Where an estimate came from.</summary>
public enum EstimateSource
{
    /// <summary>Percentiles of recent successful attempts.</summary>
    [JsonStringEnumMemberName("history")] History,

    /// <summary>The task's configured expected duration, for lack of enough history.</summary>
    [JsonStringEnumMemberName("configured")] Configured,

    /// <summary>Nothing known: the estimator's default.</summary>
    [JsonStringEnumMemberName("default")] Default,
}
