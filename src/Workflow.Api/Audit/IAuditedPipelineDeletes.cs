using Workflow.Services;

namespace Workflow.Api.Audit;

/// <summary>
/// Deletes a pipeline together with its audit entry, as <see cref="IAuditedPipelineSaves"/> saves one:
/// <see cref="DeleteThenAudit"/> does it in two writes for any host, and the Azure app pairs its two writes through an
/// intent, so that a process stopping between them neither loses the entry nor leaves one without the delete.
/// </summary>
public interface IAuditedPipelineDeletes
{
    /// <summary>
    /// True once the pipeline and its entry are deleted and written; false when there was no such pipeline (no
    /// entry). Refusals are the <see cref="ServiceException"/>s of <see cref="IWorkflowService.DeletePipelineAsync"/>.
    /// </summary>
    ValueTask<bool> DeleteAsync(PipelineDeletion deletion, CancellationToken cancellationToken);
}
