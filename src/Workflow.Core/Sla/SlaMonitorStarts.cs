using Workflow.Model;

namespace Workflow.Sla;

/// <summary>
/// How a run's SLA monitor starts, in both hosts: the deadline from the pipeline's rule, the run's logical time
/// and the zone of its first enabled schedule; per-task estimates from the duration history; and the host's
/// monitor settings, carried on the event so a replay uses the values the run started with.
/// </summary>
public static class SlaMonitorStarts
{
    /// <summary>
    /// The start event, at <paramref name="at"/>, of the monitor of run <paramref name="runId"/>. A deadline rule that cannot be computed
    /// (validation refuses such rules on save, so only an old definition has one) costs the run its deadline
    /// alerts, not its monitor: the start comes back without a deadline and with the reason in
    /// <see cref="SlaMonitorStartResult.DeadlineError"/> for the host to log.
    /// </summary>
    /// <param name="at">When the monitor starts.</param>
    /// <param name="runId">The run it watches.</param>
    /// <param name="definition">The run's pinned definition.</param>
    /// <param name="logicalTime">The run's logical time, which relative and absolute deadlines count from.</param>
    /// <param name="recent">Recent successful durations of a task id, oldest first; empty when there are none.</param>
    /// <param name="estimator">The host's estimator (window and thresholds).</param>
    /// <param name="settings">The host's monitor settings; the defaults when null.</param>
    public static SlaMonitorStartResult Create(DateTimeOffset at, string runId, PipelineDefinition definition,
        DateTimeOffset logicalTime, Func<string, IReadOnlyList<TimeSpan>> recent, DurationEstimator estimator,
        SlaMonitorSettings? settings)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(estimator);
        DateTimeOffset? deadline = null;
        ArgumentException? error = null;
        try
        {
            deadline = DeadlineCalculator.Compute(definition.Sla?.Deadline, logicalTime, TimeZoneOf(definition));
        }
        catch (ArgumentException ex)
        {
            error = ex;
        }

        var estimates = estimator.EstimateTasks(definition, recent);
        return new SlaMonitorStartResult(new MonitorStarted(at, runId, definition, estimates, deadline,
            settings ?? SlaMonitorSettings.Default), error);
    }

    /// <summary>
    /// The zone a deadline rule without its own zone is read in: that of the pipeline's first enabled schedule (a
    /// disabled schedule no longer says where the pipeline runs), or UTC when none is enabled.
    /// </summary>
    public static string? TimeZoneOf(PipelineDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        return definition.Schedules.FirstOrDefault(s => s.Enabled)?.TimeZone;
    }
}
