using Workflow.Services;

namespace Workflow.Api.Audit;

/// <summary>
/// Saves a pipeline version together with its audit entry, both durable before the caller hears of the version.
/// <see cref="SaveThenAudit"/> does it in two writes for any host; a host whose audit trail lives in the pipelines'
/// own store can do it in one (the embedded host), and the Azure app pairs its two writes through an intent.
/// </summary>
public interface IAuditedPipelineSaves
{
    /// <summary>
    /// The saved record. Refusals are the <see cref="ServiceException"/>s of
    /// <see cref="IWorkflowService.UpsertPipelineAsync"/>, and a <see cref="ConflictException"/> for a
    /// <see cref="PipelineSave.MustBeNew"/> save whose id exists; a refused save writes no entry.
    /// </summary>
    ValueTask<PipelineRecord> SaveAsync(PipelineSave save, CancellationToken cancellationToken);
}
