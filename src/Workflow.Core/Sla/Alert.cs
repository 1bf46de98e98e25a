namespace Workflow.Sla;

/// <summary>
/// An alert as the monitors raise it. <see cref="Id"/> is deterministic per (run, kind, task), so raising the
/// same condition again, for example after a replay, updates one alert instead of creating another.
/// The optional figures are there so sinks can send structured fields, not just text.
/// </summary>
public sealed record Alert(
    string Id,
    AlertKind Kind,
    AlertSeverity Severity,
    string PipelineId,
    string OwnerGroup,
    string? RunId,
    string? TaskKey,
    string Message,
    DateTimeOffset RaisedAt)
{
    public DateTimeOffset? Deadline { get; init; }
    public DateTimeOffset? PredictedFinish { get; init; }
    public TimeSpan? Elapsed { get; init; }
    public TimeSpan? Threshold { get; init; }
    public int? Attempt { get; init; }

    /// <summary>For queue-backlog alerts: the depth and oldest message age of the sample that raised it.</summary>
    public long? QueueDepth { get; init; }
    public TimeSpan? OldestAge { get; init; }
}
