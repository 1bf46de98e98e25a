using Workflow.Api.Audit;
using Workflow.Functions.Services;
using Workflow.Services;

namespace Workflow.Functions.Storage;

/// <summary>
/// The Azure app's audited deletes: the head's removal and its audit line durable as a pair, through an intent written
/// after the deletion mark and before the head goes (<see cref="BlobAuditIntents"/>), which a later read of the audit
/// trail completes when the process stopped between the writes.
/// </summary>
public sealed class BlobPipelineDeletes(DurableWorkflowService workflow, BlobAuditLog audit) : IAuditedPipelineDeletes
{
    public async ValueTask<bool> DeleteAsync(PipelineDeletion deletion, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(deletion);
        string? intent = null;
        bool deleted;
        try
        {
            deleted = await workflow.DeletePipelineAsync(deletion.PipelineId, deletion.Existing.Version,
                async (head, ct) => intent = await audit.Intents.WriteAsync(deletion.Entry, head, ct),
                cancellationToken);
        }
        catch (ServiceException) when (intent is not null)
        {
            // Refused after the intent was written (another instance changed the head first): nothing was deleted.
            await audit.Intents.DeleteAsync(intent, CancellationToken.None);
            throw;
        }

        if (deleted)
        {
            await audit.AppendAsync(deletion.Entry, cancellationToken);
        }

        if (intent is not null)
        {
            // Not deleted with an intent written: another instance deleted the head first, and audits it.
            await audit.Intents.DeleteAsync(intent, cancellationToken);
        }

        return deleted;
    }
}
