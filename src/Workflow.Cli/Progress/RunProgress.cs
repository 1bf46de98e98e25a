namespace Workflow.Cli.Progress;

/// <summary>
/// How far a run is and how long it has left. <see cref="Fraction"/> weighs tasks by their estimated durations
/// (by count when nothing is known); <see cref="Remaining"/> is the longest remaining dependency path, the time
/// the run needs when every ready task gets a worker. Null when no task has an estimate yet.
/// </summary>
public sealed record RunProgress(
    int Total,
    int Succeeded,
    int Failed,
    int Skipped,
    int Cancelled,
    int Running,
    int Waiting,
    double Fraction,
    TimeSpan? Remaining,
    EstimateBasis Basis,
    int Overdue)
{
    public int Finished => Succeeded + Failed + Skipped + Cancelled;
}

/// <summary>Where the durations behind an estimate came from, shown next to the ETA so users know how far to trust it.</summary>
public enum EstimateBasis
{
    /// <summary>No durations known: progress counts tasks and there is no ETA.</summary>
    None,

    /// <summary>Every estimate is a configured <c>expectedDuration</c>.</summary>
    ExpectedDurations,

    /// <summary>Every estimate comes from how long finished tasks of this run took.</summary>
    ObservedDurations,

    /// <summary>Some of each.</summary>
    Mixed,
}
