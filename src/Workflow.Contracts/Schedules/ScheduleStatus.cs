namespace Workflow.Contracts;

/// <summary>
/// One schedule of a pipeline and where it stands now, from <c>GET /api/pipelines/{id}/schedules</c>.
/// <see cref="Kind"/> (<see cref="ScheduleKindNames"/>) and <see cref="State"/> (<see cref="ScheduleStateNames"/>)
/// are strings so that an older client still shows a kind or state a newer server adds.
/// </summary>
public sealed record ScheduleStatus(string Schedule, string Kind, bool Enabled, DateTimeOffset? Start,
    DateTimeOffset? End, string State, DateTimeOffset? NextFireTime);
