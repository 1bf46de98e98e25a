namespace Workflow.Contracts;

/// <summary>
/// One coming fire time of a schedule (<c>GET /api/pipelines/{id}/schedule/preview</c>), in UTC and as the
/// wall-clock time of the schedule's zone (with that moment's offset, so DST shows).
/// </summary>
public sealed record SchedulePreviewItem(string Schedule, DateTimeOffset Utc, DateTimeOffset Local, string TimeZone);
