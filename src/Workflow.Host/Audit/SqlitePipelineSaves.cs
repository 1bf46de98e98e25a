using Workflow.Api.Audit;
using Workflow.Engine.Services;
using Workflow.Services;

namespace Workflow.Host.Audit;

/// <summary>
/// Pipeline saves in the embedded host: the version, its audit entry (<see cref="SqliteAuditLog"/>'s row) and the
/// check that a created id is new are one op of the engine's writer, so one group commit makes the version and its
/// entry durable together and the caller waits for that one commit.
/// </summary>
public sealed class SqlitePipelineSaves(WorkflowEngineService engine) : IAuditedPipelineSaves
{
    public ValueTask<PipelineRecord> SaveAsync(PipelineSave save, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(save);
        return engine.UpsertPipelineAsync(save.Definition, save.ExpectedVersion, save.Actor,
            new PipelineSaveOptions(save.MustBeNew, (connection, transaction, saved) =>
                SqliteAuditLog.Insert(connection, transaction, save.EntryFor(saved))),
            cancellationToken);
    }
}
