using Microsoft.Azure.Functions.Worker;
using Workflow.Functions.Storage;
using Workflow.Orchestration;
using Workflow.Services;

namespace Workflow.Functions.Activities;

/// <summary>
/// Loads and pins the definition a requested run will use, with the duration history its rank and SLA monitor
/// need; the decision itself is <see cref="RunResolver"/>.
/// </summary>
public sealed class ResolveRunActivity(IWorkflowService workflow, BlobDurationHistory durations, TimeProvider time)
{
    [Function(OrchestrationNames.ResolveRunActivity)]
    public async Task<RunResolution> RunAsync([ActivityTrigger] RunRequest request, CancellationToken cancellationToken)
    {
        var pipeline = await workflow.GetPipelineAsync(request.PipelineId, request.PinnedVersion, cancellationToken);
        var recent = pipeline is null ? null : await durations.RecentAsync(request.PipelineId, cancellationToken);
        return RunResolver.Resolve(request, pipeline, time.GetUtcNow(), recent);
    }
}
