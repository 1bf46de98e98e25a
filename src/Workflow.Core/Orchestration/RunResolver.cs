using Workflow.Execution;
using Workflow.Services;
using Workflow.Sla;

namespace Workflow.Orchestration;

/// <summary>
/// The pure part of the <see cref="OrchestrationNames.ResolveRunActivity"/> activity: given the pipeline the
/// catalogue holds (if any) and the duration history, the pinned start event and, when the pipeline has an SLA,
/// the SLA monitor's start with its deadline.
/// </summary>
public static class RunResolver
{
    /// <remarks>
    /// The activity loads <see cref="RunRequest.PinnedVersion"/> when the request names one (a rerun keeps the
    /// version its first run used), otherwise the current version.
    /// </remarks>
    public static RunResolution Resolve(RunRequest request, PipelineRecord? pipeline, DateTimeOffset now,
        IReadOnlyDictionary<string, DurationEstimate>? estimates = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (pipeline is null)
        {
            var version = request.PinnedVersion is { } v ? $" version {v}" : "";
            return new RunResolution(null,
                $"Pipeline '{request.PipelineId}'{version} does not exist. Create it first, or check the id of run '{request.RunId}'.");
        }

        estimates ??= new Dictionary<string, DurationEstimate>();
        var definition = pipeline.Definition with { Version = pipeline.Version };
        var logicalTime = request.LogicalTime ?? now;
        var expected = estimates.ToDictionary(e => e.Key, e => e.Value.P50, StringComparer.Ordinal);
        var start = new RunStarted(now, request.RunId, definition, request.Parameters, logicalTime,
            request.PriorResults, expected.Count == 0 ? null : expected);
        if (definition.Sla is not { } sla)
        {
            return new RunResolution(start);
        }

        var zone = definition.Schedules.FirstOrDefault(s => s.Enabled)?.TimeZone;
        var deadline = DeadlineCalculator.Compute(sla.Deadline, logicalTime, zone);
        return new RunResolution(start, null, new MonitorStarted(now, request.RunId, definition, estimates, deadline));
    }
}
