namespace Workflow.Api.Audit;

/// <summary>
/// One audited change or manual action: who did what to which thing, and when. <see cref="OwnerGroup"/> lets the
/// audit list be filtered like everything else, so one group does not read another's history.
/// </summary>
public sealed record AuditEntry(DateTimeOffset At, string Actor, string Action, string Target, string? Detail,
    string OwnerGroup);
