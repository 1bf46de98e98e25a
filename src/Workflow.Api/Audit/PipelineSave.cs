using Workflow.Model;
using Workflow.Services;

namespace Workflow.Api.Audit;

/// <summary>
/// A pipeline version to save, and the audit entry that records it: <see cref="AuditAction"/> by
/// <see cref="Actor"/> at <see cref="At"/>, detail "version N" once the version is known. <see cref="MustBeNew"/>
/// marks a create: an existing pipeline with the id is then a conflict (409), not a new version.
/// </summary>
public sealed record PipelineSave(PipelineDefinition Definition, int? ExpectedVersion, bool MustBeNew, string Actor,
    string AuditAction, DateTimeOffset At)
{
    public AuditEntry EntryFor(PipelineRecord saved)
    {
        ArgumentNullException.ThrowIfNull(saved);
        return new AuditEntry(At, Actor, AuditAction, Definition.Id, $"version {saved.Version}", Definition.OwnerGroup);
    }
}
