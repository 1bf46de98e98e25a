using Microsoft.Azure.Functions.Worker;
using Workflow.Orchestration;
using Workflow.Services;

namespace Workflow.Functions.Activities;

/// <summary>Loads and pins the definition a requested run will use; the decision itself is <see cref="RunResolver"/>.</summary>
public sealed class ResolveRunActivity(IWorkflowService workflow, TimeProvider time)
{
    [Function(OrchestrationNames.ResolveRunActivity)]
    public async Task<RunResolution> RunAsync([ActivityTrigger] RunRequest request, CancellationToken cancellationToken)
    {
        var pipeline = await workflow.GetPipelineAsync(request.PipelineId, request.PinnedVersion, cancellationToken);
        return RunResolver.Resolve(request, pipeline, time.GetUtcNow());
    }
}
