using Workflow.Api.Audit;

namespace Workflow.Functions.Storage;

/// <summary>An audited save under way: its entry, and the version it stores with the time and actor it stores.</summary>
internal sealed record AuditIntent(AuditEntry Entry, string PipelineId, int Version, DateTimeOffset UpdatedAt,
    string UpdatedBy, DateTimeOffset WrittenAt);
