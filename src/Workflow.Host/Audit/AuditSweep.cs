using Workflow.Engine.Retention;

namespace Workflow.Host.Audit;

/// <summary>Audit entries older than the retention go, oldest first.</summary>
internal static class AuditSweep
{
    public static RetentionSweep AuditLog { get; } = new("audit_log", """
        DELETE FROM audit_log WHERE id IN (
            SELECT id FROM audit_log WHERE at_ms < $cutoff ORDER BY id LIMIT $limit);
        """);
}
