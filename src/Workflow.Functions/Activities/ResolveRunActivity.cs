using Microsoft.Azure.Functions.Worker;
using Workflow.Building;
using Workflow.Durable;
using Workflow.Functions.Storage;

namespace Workflow.Functions.Activities;

/// <summary>
/// Loads and pins the definition a requested run will use (a stored version, or one an <see cref="IPipelineSource"/>
/// generates for the run), with the duration history its rank and SLA monitor need; the decision itself is
/// <see cref="RunResolver"/>.
/// </summary>
public sealed class ResolveRunActivity(BlobPipelineCatalog catalog, BlobDurationHistory durations, TimeProvider time)
{
    [Function(OrchestrationNames.ResolveRunActivity)]
    public async Task<RunResolution> RunAsync([ActivityTrigger] RunRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var now = time.GetUtcNow();
        var pipeline = await catalog.ForRunAsync(request.PipelineId, request.PinnedVersion,
            new PipelineContext(request.LogicalTime ?? now, request.Parameters), cancellationToken);
        var recent = pipeline is null ? null : await durations.RecentAsync(request.PipelineId, cancellationToken);
        return RunResolver.Resolve(request, pipeline, now, recent);
    }
}
