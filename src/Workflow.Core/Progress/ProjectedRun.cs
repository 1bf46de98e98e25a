namespace Workflow.Progress;

/// <summary>
/// When one task instance started and finished, or is projected to (see <see cref="RunProjection"/>):
/// <see cref="Projected"/> is true while the task has not finished. Start and finish are null only for a task that
/// ended without running (skipped, or cancelled before it started).
/// </summary>
public sealed record ProjectedTask(string TaskKey, string TaskId, DateTimeOffset? Start, DateTimeOffset? Finish,
    bool Projected);

/// <summary>
/// A run's projected schedule (every task instance, in the order given) and its critical path: the chain of tasks,
/// first to last, that decides when the run finishes. <see cref="Finish"/> is the latest finish of the schedule (null
/// when no task has a time); <see cref="Remaining"/> is how long after the projection's instant that is (zero once
/// it has passed). <see cref="Unestimated"/> names the unfinished tasks (by id) without an expected duration and with
/// no succeeded instance in the run to go by: they count as taking no time, so while it is not empty the finish is a lower bound. <see cref="Overdue"/> names the
/// running tasks (by key) already past their expected duration. <see cref="EtaKnown"/> is false while no unfinished
/// task has an estimate: then <see cref="Remaining"/> says nothing, and clients show the finish as not known yet.
/// </summary>
public sealed record ProjectedRun(
    IReadOnlyList<ProjectedTask> Schedule,
    IReadOnlyList<ProjectedTask> CriticalPath,
    DateTimeOffset? Finish,
    TimeSpan Remaining,
    IReadOnlyList<string> Unestimated,
    IReadOnlyList<string> Overdue,
    bool EtaKnown);
