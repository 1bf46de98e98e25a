namespace Workflow.Cli.Progress;

/// <summary>
/// How far a run is and how long it has left. <see cref="Fraction"/> weighs tasks by their estimated durations
/// (by count when nothing is known); <see cref="Remaining"/> and <see cref="CriticalPath"/> are the server's projection:
/// the time the run needs when every ready task gets a worker, null when no unfinished task has an estimate.
/// <see cref="Unestimated"/> counts tasks without an estimate (they count as taking no time), <see cref="Overdue"/>
/// running tasks past theirs.
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
    IReadOnlyList<string> CriticalPath,
    int Unestimated,
    int Overdue)
{
    public int Finished => Succeeded + Failed + Skipped + Cancelled;
}
