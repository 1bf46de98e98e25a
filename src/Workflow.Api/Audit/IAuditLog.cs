namespace Workflow.Api.Audit;

/// <summary>
/// Durable storage of the audit trail. The embedded host keeps it in SQLite; the Azure app can keep it elsewhere.
/// Entries are written only after the change they record has succeeded.
/// </summary>
public interface IAuditLog
{
    ValueTask AppendAsync(AuditEntry entry, CancellationToken cancellationToken);

    /// <summary>The newest entries first; <paramref name="groups"/> null means every group.</summary>
    ValueTask<IReadOnlyList<AuditEntry>> ListAsync(IReadOnlyCollection<string>? groups, int limit,
        CancellationToken cancellationToken);
}
