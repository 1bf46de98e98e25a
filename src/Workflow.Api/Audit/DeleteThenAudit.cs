namespace Workflow.Api.Audit;

/// <summary>
/// The deletes of a host that registers none of its own (the embedded host): the delete through
/// <see cref="Services.IWorkflowService"/>, then the entry through <see cref="IAuditLog"/>; a crash between the two
/// writes leaves the delete without its entry.
/// </summary>
public sealed class DeleteThenAudit(Services.IWorkflowService workflow, IAuditLog audit) : IAuditedPipelineDeletes
{
    public async ValueTask<bool> DeleteAsync(PipelineDeletion deletion, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(deletion);
        if (!await workflow.DeletePipelineAsync(deletion.PipelineId, deletion.Existing.Version, deletion.Actor,
                cancellationToken))
        {
            return false;
        }

        await audit.AppendAsync(deletion.Entry, cancellationToken);
        return true;
    }
}
