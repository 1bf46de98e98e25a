namespace Workflow.Contracts;

/// <summary>
/// <c>GET /api/runs/{runId}</c> and the run's status URI: the run, its task instances and the child runs its
/// sub-pipeline tasks started (those the caller may see). <see cref="Notices"/>, when present, says what the server
/// could not show as it is (for example a pinned pipeline version no longer stored).
/// </summary>
public sealed record RunDetail(RunInfo Run, IReadOnlyList<TaskInfo> Tasks, IReadOnlyList<RunInfo>? Children = null,
    IReadOnlyList<string>? Notices = null);

/// <summary>
/// The state of one task instance in a run (<see cref="TaskKey"/> differs from <see cref="TaskId"/> for a map
/// instance, <c>id[i]</c>). <see cref="Status"/> is a string (<see cref="TaskStatusNames"/>) so that an older client
/// still shows a state a newer server adds.
/// </summary>
public sealed record TaskInfo(
    string TaskKey,
    string TaskId,
    string Status,
    int Attempts,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt,
    string? Error,
    IReadOnlyList<string> DependsOn);
