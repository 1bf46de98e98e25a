using Workflow.Model;
using Workflow.Services;

namespace Workflow.Api.Audit;

/// <summary>
/// A pipeline version to save, and the audit entry that records it: <see cref="AuditAction"/> by
/// <see cref="Actor"/> at <see cref="At"/>, detail "version N" once the version is known. <see cref="MustBeNew"/>
/// marks a create: an existing pipeline with the id is then a conflict (409), not a new version. A save equal to the
/// version it replaces stores nothing and is not audited (<see cref="ChangedNothing"/>).
/// </summary>
public sealed record PipelineSave(PipelineDefinition Definition, int? ExpectedVersion, bool MustBeNew, string Actor,
    string AuditAction, DateTimeOffset At)
{
    /// <summary>
    /// Whether the save answered the version it replaces: the definition equalled it, so no version was stored, and no
    /// entry is due. Every stored change is a version after <see cref="ExpectedVersion"/>.
    /// </summary>
    public bool ChangedNothing(PipelineRecord saved)
    {
        ArgumentNullException.ThrowIfNull(saved);
        return !MustBeNew && saved.Version == ExpectedVersion;
    }

    public AuditEntry EntryFor(PipelineRecord saved)
    {
        ArgumentNullException.ThrowIfNull(saved);
        return new AuditEntry(At, Actor, AuditAction, Definition.Id, $"version {saved.Version}", Definition.OwnerGroup);
    }
}
