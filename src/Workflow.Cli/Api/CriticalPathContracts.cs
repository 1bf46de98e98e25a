namespace Workflow.Cli.Api;

/// <summary>
/// <c>GET /api/runs/{runId}/critical-path</c>: the chain of tasks, first to last, that decides when the run finishes,
/// projected by the server at <see cref="At"/>. While the run is active <see cref="RemainingSeconds"/> is the ETA;
/// <see cref="Unestimated"/> names unfinished tasks without an expected duration (counted as taking no time),
/// <see cref="Overdue"/> running tasks past theirs.
/// </summary>
public sealed record RunCriticalPath(
    string RunId,
    DateTimeOffset At,
    IReadOnlyList<CriticalPathStep> Path,
    DateTimeOffset? ProjectedFinish,
    double RemainingSeconds,
    IReadOnlyList<string> Unestimated,
    IReadOnlyList<string> Overdue);

/// <summary>One task instance on the critical path: when it started and finished, or is projected to.</summary>
public sealed record CriticalPathStep(string TaskKey, DateTimeOffset Start, DateTimeOffset Finish, bool Projected);
