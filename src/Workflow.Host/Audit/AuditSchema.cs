using Workflow.Engine.Storage;

namespace Workflow.Host.Audit;

/// <summary>
/// The audit table (migration range 400–499). Before it was a migration, the audit log created the table itself
/// on first use, so the migration only creates what is missing: files written by that code keep their rows.
/// </summary>
public static class AuditSchema
{
    public static IReadOnlyList<Migration> Migrations { get; } =
    [
        new(400, "audit-log", """
            CREATE TABLE IF NOT EXISTS audit_log (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                at_ms INTEGER NOT NULL,
                actor TEXT NOT NULL,
                action TEXT NOT NULL,
                target TEXT NOT NULL,
                detail TEXT,
                owner_group TEXT NOT NULL);
            CREATE INDEX IF NOT EXISTS audit_log_group ON audit_log (owner_group, id);
            """),
    ];
}
