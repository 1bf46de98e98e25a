using Workflow.Execution;
using Workflow.Security;
using Workflow.Services;
using Workflow.Sla;

namespace Workflow.Durable;

/// <summary>
/// The pure part of the <see cref="OrchestrationNames.ResolveRunActivity"/> activity: given the pipeline the
/// catalogue holds (if any) and the duration history, the pinned start event (with the expected durations the
/// upward rank uses, as the embedded engine computes them, and the dispatch keys planned from them) and, when the pipeline has an SLA, the SLA monitor's
/// start with its deadline and per-task estimates. A child run's pipeline must belong to its parent's group
/// (<see cref="ChildPipelineAccess"/>); a child request kept from before <see cref="RunRequest.ParentGroup"/> was
/// carried is given its parent's group by the activity first (<see cref="ParentToLookUp"/>), and one whose parent's
/// group is still unknown is refused, never started unchecked.
/// </summary>
public static class RunResolver
{
    /// <remarks>
    /// The activity loads <see cref="RunRequest.PinnedVersion"/> when the request names one (a rerun keeps the
    /// version its first run used), otherwise the current version.
    /// </remarks>
    /// <param name="request">The run asked for.</param>
    /// <param name="pipeline">The stored pipeline (the pinned version), or null when there is none.</param>
    /// <param name="now">The orchestration's current time.</param>
    /// <param name="recent">Recent successful durations per task id, oldest first; none means no history yet.</param>
    /// <param name="estimator">The estimator's window and thresholds; the defaults when null.</param>
    /// <param name="settings">The host's SLA monitor settings; the defaults when null.</param>
    /// <param name="planner">
    /// Decides the dispatch keys the start records; <see cref="PolicyDispatchPlanner"/> when null.
    /// </param>
    public static RunResolution Resolve(RunRequest request, PipelineRecord? pipeline, DateTimeOffset now,
        IReadOnlyDictionary<string, IReadOnlyList<TimeSpan>>? recent = null, DurationEstimator? estimator = null,
        SlaMonitorSettings? settings = null, IDispatchPlanner? planner = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (ParentToLookUp(request) is { } parent)
        {
            return new RunResolution(null,
                $"Run '{request.RunId}' is a child of run '{parent}', whose group could not be read to check that " +
                $"pipeline '{request.PipelineId}' may run as its child. Rerun the parent to start it again.",
                Refused: true);
        }

        if (request.ParentGroup is { } parentGroup &&
            (pipeline is null || !ChildPipelineAccess.Allows(parentGroup, pipeline.Definition.OwnerGroup)))
        {
            return new RunResolution(null, ChildPipelineAccess.Refusal(request.PipelineId, parentGroup),
                Refused: true);
        }

        if (pipeline is null)
        {
            var version = request.PinnedVersion is { } v ? $" version {v}" : "";
            return new RunResolution(null,
                $"Pipeline '{request.PipelineId}'{version} does not exist. Create it first, or check the id of run '{request.RunId}'.");
        }

        recent ??= new Dictionary<string, IReadOnlyList<TimeSpan>>();
        estimator ??= new DurationEstimator();
        var definition = pipeline.Definition with { Version = pipeline.Version };
        var parameters = Parameters.RunParameters.Resolve(definition, request.Parameters);
        if (!parameters.IsValid)
        {
            return new RunResolution(null, $"Run '{request.RunId}' of pipeline '{request.PipelineId}' cannot start: " +
                                           string.Join(" ", parameters.Errors));
        }

        var logicalTime = request.LogicalTime ?? now;
        var expected = estimator.ExpectedForRank(recent);
        var start = new RunStarted(now, request.RunId, definition, parameters.Values, logicalTime,
            request.PriorResults, expected.Count == 0 ? null : expected);
        // Planned here, in the activity, so the keys are in the orchestration's history and a replay never plans.
        start = start with
        {
            DispatchKeys = (planner ?? PolicyDispatchPlanner.Instance).Plan(definition, start.ExpectedDurations,
                start.Dispatch),
        };
        if (definition.Sla is null)
        {
            return new RunResolution(start);
        }

        var monitor = SlaMonitorStarts.Create(now, request.RunId, definition, logicalTime,
            id => recent.GetValueOrDefault(id) ?? [], estimator, settings);
        return new RunResolution(start, null, monitor.Event, monitor.DeadlineError?.Message);
    }

    /// <summary>
    /// The parent run whose group a child request needs before it is resolved: set for a child request without
    /// <see cref="RunRequest.ParentGroup"/> (one a release before the field recorded in a history or a queue), null
    /// for any other request. Read in the activity, never in orchestrator code, so histories replay unchanged.
    /// </summary>
    public static string? ParentToLookUp(RunRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request is { Trigger: RunTrigger.Parent, ParentGroup: null }
            ? request.ParentRunId ?? ChildRunIds.ParentOf(request.RunId)
            : null;
    }
}
