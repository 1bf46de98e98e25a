namespace Workflow.Contracts;

/// <summary>
/// A run's critical path (<c>GET /api/runs/{runId}/critical-path</c>): the chain of tasks, first to last, that decides
/// when the run finishes, from a projected schedule of the run at <see cref="At"/> (see <c>RunProjection</c>). Once
/// the run has ended this is its actual critical path and <see cref="RemainingSeconds"/> is 0; while it runs,
/// <see cref="RemainingSeconds"/> is the ETA. <see cref="Unestimated"/> names the unfinished tasks without an expected
/// duration (counted as taking no time, so the finish is then a lower bound); <see cref="Overdue"/> the running tasks
/// already past theirs. <see cref="EtaKnown"/> is false while no unfinished task has an estimate (the remaining time
/// then says nothing); a server without the field means true. <see cref="ExpectedSeconds"/> is what each task id is
/// expected to take (history, else the configured duration: the estimates the projection used), so a client weighs
/// tasks by the same rule; older servers leave it out.
/// </summary>
public sealed record RunCriticalPath(
    string RunId,
    DateTimeOffset At,
    IReadOnlyList<CriticalPathStep> Path,
    DateTimeOffset? ProjectedFinish,
    double RemainingSeconds,
    IReadOnlyList<string> Unestimated,
    IReadOnlyList<string> Overdue,
    bool EtaKnown = true,
    IReadOnlyDictionary<string, double>? ExpectedSeconds = null);

/// <summary>One task instance on the critical path: when it started and finished, or is projected to.</summary>
public sealed record CriticalPathStep(string TaskKey, DateTimeOffset Start, DateTimeOffset Finish, bool Projected);
