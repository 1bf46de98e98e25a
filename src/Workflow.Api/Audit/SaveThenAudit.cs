using Workflow.Services;

namespace Workflow.Api.Audit;

/// <summary>
/// The saves of any host (the Azure app's among them): the existence check of a create as a read first, then the
/// version through <see cref="IWorkflowService"/>, then the entry through <see cref="IAuditLog"/>.
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
        await audit.AppendAsync(save.EntryFor(record), cancellationToken);
        return record;
    }
}
