using Workflow.Services;

namespace Workflow.Api.Audit;

/// <summary>
/// A pipeline to delete at the version the caller read (<see cref="Existing"/>), and the audit entry that records it:
/// <see cref="AuditActions.PipelineDeleted"/> by <see cref="Actor"/> at <see cref="At"/>, detail "version N".
/// </summary>
public sealed record PipelineDeletion(PipelineRecord Existing, string Actor, DateTimeOffset At)
{
    public string PipelineId => Existing.Definition.Id;

    public AuditEntry Entry => new(At, Actor, AuditActions.PipelineDeleted, PipelineId,
        $"version {Existing.Version}", Existing.Definition.OwnerGroup);
}
