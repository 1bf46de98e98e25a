using Workflow.Services;

namespace Workflow.Api.Audit;

/// <summary>
/// The saves of a host that registers none of its own (the embedded host and the Azure app do): the existence check
/// of a create as a read first, then the version through <see cref="IWorkflowService"/>, then the entry through
/// <see cref="IAuditLog"/>; a crash between the two writes leaves the version without its entry.
/// </summary>
public sealed class SaveThenAudit(IWorkflowService workflow, IAuditLog audit) : IAuditedPipelineSaves
{
    public async ValueTask<PipelineRecord> SaveAsync(PipelineSave save, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(save);
        var id = save.Definition.Id;
        if (save.MustBeNew && await workflow.GetPipelineAsync(id, null, cancellationToken) is not null)
        {
            throw PipelineIdTaken.Refusal(id);
        }

        var record = await workflow.UpsertPipelineAsync(save.Definition, save.ExpectedVersion, save.Actor,
            cancellationToken);
        if (!save.ChangedNothing(record))
        {
            await audit.AppendAsync(save.EntryFor(record), cancellationToken);
        }

        return record;
    }
}
