using Workflow.Engine.Runtime;
using Workflow.Model;
using Workflow.Runtime.Handlers;
using Workflow.Services;
using Workflow.Validation;

namespace Workflow.Engine.Services;

/// <summary>
/// The pipeline commands of <see cref="WorkflowEngineService"/>: saving a definition (checked against the kinds this
/// engine serves first, and against its current version for a rule that a stored definition may predate) and
/// deleting one, each one write through the group-commit writer, awaited until durable.
/// </summary>
internal sealed class PipelineCommands(WriteLoop writer, HandlerRegistry handlers, PipelineQueries pipelines)
{
    // Built at the first save, as the kinds were read before: by then every handler is registered.
    private readonly Lazy<PipelineValidator> _validator = new(() => PipelineChecks.Validator(handlers.Kinds));

    public async ValueTask<PipelineRecord> UpsertAsync(PipelineDefinition definition, int? expectedVersion,
        string actor, PipelineSaveOptions? options, CancellationToken cancellationToken)
    {
        var checks = _validator.Value.Validate(definition);
        if (!checks.IsValid)
        {
            // What the current version already had is accepted unchanged (PipelineValidator): read it only now.
            var current = await pipelines.GetAsync(definition.Id, null, cancellationToken);
            checks = _validator.Value.Validate(definition, current?.Definition);
        }

        checks.ThrowIfInvalid();
        var op = new UpsertPipelineOp(definition, expectedVersion, actor, options);
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
