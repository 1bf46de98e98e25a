namespace Workflow.Engine.Retention;

/// <summary>
/// How one growing table is trimmed by the retention purge, beside the runs. <paramref name="DeleteSql"/> deletes
/// at most <c>$limit</c> rows and may use <c>$cutoff</c> (Unix ms: now minus
/// <see cref="EngineOptions.DefaultRetention"/>) and <c>$window</c> (<see cref="EngineOptions.DurationHistoryWindow"/>).
/// Sweeps run in the order they were registered; the part that owns a table registers its sweep with its schema:
/// <c>services.AddRetentionSweep(new RetentionSweep("audit_log", "DELETE …"))</c>.
/// </summary>
public sealed record RetentionSweep(string Table, string DeleteSql);
