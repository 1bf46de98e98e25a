using Workflow.Engine.Runtime;
using Workflow.Model;
using Workflow.Runtime.Handlers;
using Workflow.Services;

namespace Workflow.Engine.Services;

/// <summary>
/// The pipeline commands of <see cref="WorkflowEngineService"/>: saving a definition (checked against the kinds this
/// engine serves first) and deleting one, each one write through the group-commit writer, awaited until durable.
/// </summary>
internal sealed class PipelineCommands(WriteLoop writer, HandlerRegistry handlers)
{
    public async ValueTask<PipelineRecord> UpsertAsync(PipelineDefinition definition, int? expectedVersion,
        string actor, CancellationToken cancellationToken)
    {
        PipelineChecks.Validate(definition, handlers.Kinds);
        var op = new UpsertPipelineOp(definition, expectedVersion, actor);
        writer.Post(op);
        return await op.Result.WaitAsync(cancellationToken);
    }

    public async ValueTask<bool> DeleteAsync(string pipelineId, int? expectedVersion,
        CancellationToken cancellationToken)
    {
        var op = new DeletePipelineOp(pipelineId, expectedVersion);
        writer.Post(op);
        return await op.Result.WaitAsync(cancellationToken);
    }
}
