namespace Workflow.Sla.Backlog;

/// <summary>
/// When a queue counts as backed up. Either limit may be left out. An alert clears only once both values are
/// back under <see cref="ClearFraction"/> of their limits, so a queue hovering at its limit does not flap.
/// </summary>
public sealed record BacklogThresholds
{
    /// <summary>
    /// Both hosts' limits for a queue whose queue-drain task sets none; a new instance each time, since options
    /// binding sets the properties of the one it is given.
    /// </summary>
    public static BacklogThresholds Default => new() { MaxDepth = 1000, MaxOldestAge = TimeSpan.FromMinutes(15) };

    public long? MaxDepth { get; init; }
    public TimeSpan? MaxOldestAge { get; init; }
    public double ClearFraction { get; init; } = 0.8;

    /// <summary>A limit must be exceeded for this long before the alert is raised; zero raises on the first sample.</summary>
    public TimeSpan SustainFor { get; init; } = TimeSpan.Zero;
}

/// <summary>One observation of a queue: how many messages wait and how old the oldest is.</summary>
public sealed record QueueSample(DateTimeOffset At, long Depth, TimeSpan? OldestAge);

/// <summary>The queue a backlog monitor watches, and whose alert it is.</summary>
public sealed record BacklogSubject(string PipelineId, string OwnerGroup, string Queue, BacklogThresholds Thresholds);

/// <summary>The backlog monitor's state: whether its alert is open and since when the queue has been over.</summary>
public sealed record BacklogState(bool Open = false, DateTimeOffset? OverSince = null)
{
    public static BacklogState Initial { get; } = new();
}
