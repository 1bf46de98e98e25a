using System.Text.Json.Serialization;
using Workflow.Api.Audit;

namespace Workflow.Functions.Storage;

/// <summary>
/// An audited save or delete under way: its entry, and the version it stores (or deletes) with the time and actor that
/// version was stored with. A delete's intent also keeps the head's ETag and its deletion mark's
/// (<see cref="HeadDeletion"/>); a save's has neither.
/// </summary>
internal sealed record AuditIntent(AuditEntry Entry, string PipelineId, int Version, DateTimeOffset UpdatedAt,
    string UpdatedBy, DateTimeOffset WrittenAt, string? DeletedHead = null, string? DeletionMark = null)
{
    [JsonIgnore]
    public bool IsDeletion => DeletedHead is not null;
}
