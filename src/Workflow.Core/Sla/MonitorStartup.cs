using System.Runtime.CompilerServices;
using Workflow.Model;

namespace Workflow.Sla;

/// <summary>
/// A monitor's first event: what it keeps of the definition (each task's estimate, slow limit, dependencies and
/// trigger rule), the deadline and run-expected timers, and the first forecast.
/// </summary>
internal static class MonitorStartup
{
    // Called once per run with a loop over every task: optimized at once, not run as tier-0 code.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static SlaDecision Start(MonitorStarted e)
    {
        var definition = e.Definition;
        var sla = definition.Sla;
        var tasks = new List<TaskSla>(definition.Tasks.Count);
        long totalMedian = 0;
        foreach (var t in definition.Tasks)
        {
            var estimate = e.Estimates.TryGetValue(t.Id, out var est)
                ? est
                : DurationEstimate.Fixed(t.ExpectedDuration ?? TimeSpan.FromMinutes(5),
                    t.ExpectedDuration is null ? EstimateSource.Default : EstimateSource.Configured);
            tasks.Add(new TaskSla(t.Id, [.. t.DependsOn], estimate,
                SlownessRules.SlowThreshold(estimate, sla?.SlowFactor ?? 1.5), TaskPhase.Pending, t.Trigger));
            totalMedian += estimate.P50.Ticks;
        }

        var state = new SlaMonitorState
        {
            Started = true,
            RunId = e.RunId,
            PipelineId = definition.Id,
            OwnerGroup = definition.OwnerGroup,
            StartedAt = e.At,
            Deadline = e.Deadline,
            DeadlineMargin = sla?.DeadlineMargin ?? TimeSpan.Zero,
            RunExpected = sla?.ExpectedDuration,
            MaxParallelTasks = Math.Max(1, definition.Concurrency.MaxParallelTasks),
            Notify = sla?.Notify ?? new(),
            Settings = e.Settings ?? SlaMonitorSettings.Default,
            Tasks = TaskTable.Of(tasks),
            TotalMedianTicks = totalMedian,
            AnyOneFailed = definition.Tasks.Any(t => t.Trigger == TriggerRule.OneFailed),
        };

        var commands = new List<SlaCommand>();
        if (state.Deadline is { } deadline)
        {
            commands.Add(new StartMonitorTimer(MonitorTimers.Deadline, deadline));
        }

        if (state.RunExpected is { } expected && state.Notify.Slow)
        {
            commands.Add(new StartMonitorTimer(MonitorTimers.SlowRun, state.StartedAt + expected));
        }

        state = DeadlineRules.Evaluate(state, e.At, commands);
        return new(state, commands);
    }
}
