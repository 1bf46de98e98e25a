using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Workflow.Building;
using Workflow.Durable;
using Workflow.Execution;
using Workflow.Functions.Alerts;
using Workflow.Functions.Services;
using Workflow.Functions.Storage;

namespace Workflow.Functions.Activities;

/// <summary>
/// Loads and pins the definition a requested run will use (a stored version, or one an <see cref="IPipelineSource"/>
/// generates for the run), with the duration history its rank and SLA monitor need, and plans its dispatch keys
/// (this activity's result is kept in the run's history, so a replay never plans again); the decision itself is
/// <see cref="RunResolver"/>, with the estimator and monitor settings of <c>Workflow:Alerts</c> as embedded. A child
/// request recorded before it carried its parent's group (<see cref="RunResolver.ParentToLookUp"/>) gets the group of
/// its parent run as the API reads it: the parent's pinned definition, or its pipeline's.
/// </summary>
public sealed class ResolveRunActivity(BlobPipelineCatalog catalog, BlobDurationHistory durations, TimeProvider time,
    IOptions<AlertsOptions> options, IDispatchPlanner planner, ILogger<ResolveRunActivity> logger)
{
    [Function(OrchestrationNames.ResolveRunActivity)]
    public async Task<RunResolution> RunAsync([ActivityTrigger] RunRequest request,
        [DurableClient] DurableTaskClient client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(client);
        if (RunResolver.ParentToLookUp(request) is { } parentRunId)
        {
            var parent = await DurableRunReader.ReadAsync(client, catalog, InstanceIds.For(parentRunId),
                cancellationToken);
            if (parent?.Record.OwnerGroup is { Length: > 0 } parentGroup)
            {
                request = request with { ParentGroup = parentGroup };
            }
        }

        var now = time.GetUtcNow();
        var pipeline = await catalog.ForRunAsync(request.PipelineId, request.PinnedVersion,
            new PipelineContext(request.LogicalTime ?? now, request.Parameters), cancellationToken);
        var recent = pipeline is null ? null : await durations.RecentAsync(request.PipelineId, cancellationToken);
        var alerts = options.Value;
        var resolution = RunResolver.Resolve(request, pipeline, now, recent, new Sla.DurationEstimator(alerts.Estimator),
            alerts.Monitor, planner);
        if (resolution.MonitorError is { } error)
        {
            // Validation rejects such rules on save; a rule that still fails here only loses its deadline alerts.
            Log.SlaDeadlineDropped(logger, request.RunId, error);
        }

        return resolution;
    }
}
