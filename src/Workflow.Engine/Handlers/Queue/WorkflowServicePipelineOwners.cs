using Workflow.Runtime.Handlers.Queue;
using Workflow.Services;

namespace Workflow.Engine.Handlers.Queue;

/// <summary>The embedded host's answer: the pipeline as the engine's service reads it (stored or dynamic).</summary>
internal sealed class WorkflowServicePipelineOwners(IWorkflowService workflow) : IPipelineOwners
{
    public async ValueTask<string?> OwnerGroupAsync(string pipelineId, CancellationToken cancellationToken) =>
        (await workflow.GetPipelineAsync(pipelineId, null, cancellationToken))?.Definition.OwnerGroup;
}
