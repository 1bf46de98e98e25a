using System.Collections.Immutable;
using System.Globalization;
using Workflow.Execution;
using Workflow.Model;

namespace Workflow.Sla;

/// <summary>
/// The SLA monitor: <c>Decide(state, event) -> (state', commands)</c>, pure like the run decider. It runs beside
/// a run (the Durable "monitor pattern"), wakes on task events and on its own timers, and raises and clears
/// alerts for slow tasks, a deadline at risk or missed, and the failure notifications the pipeline asks for.
/// </summary>
public static partial class SlaMonitorDecider
{
    internal const string DeadlineTimer = "deadline";
    internal const string SlowRunTimer = "slow-run";
    internal const string SlowTimerPrefix = "slow/";
    internal const string EvaluateTimerPrefix = "evaluate@";

    public static SlaDecision Decide(SlaMonitorState state, SlaEvent @event)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(@event);
        if (@event is MonitorStarted started)
        {
            return state.Started ? new(state, []) : Start(started);
        }

        if (!state.Started || state.Finished)
        {
            return new(state, []);
        }

        var commands = new List<SlaCommand>();
        var next = @event switch
        {
            TaskStarted e => OnTaskStarted(state, e, commands),
            TaskFinished e => OnTaskFinished(state, e, commands),
            RunNotified e => OnNotified(state, e, commands),
            RunFinished e => OnRunFinished(state, e, commands),
            MonitorTimerFired e => OnTimer(state, e, commands),
            _ => state,
        };
        return new(next, commands);
    }

    private static SlaDecision Start(MonitorStarted e)
    {
        var definition = e.Definition;
        var sla = definition.Sla;
        var tasks = ImmutableDictionary.CreateBuilder<string, TaskSla>(StringComparer.Ordinal);
        foreach (var t in definition.Tasks)
        {
            var estimate = e.Estimates.TryGetValue(t.Id, out var est)
                ? est
                : DurationEstimate.Fixed(t.ExpectedDuration ?? TimeSpan.FromMinutes(5),
                    t.ExpectedDuration is null ? EstimateSource.Default : EstimateSource.Configured);
            tasks[t.Id] = new TaskSla(t.Id, [.. t.DependsOn], estimate,
                SlowThreshold(estimate, sla?.SlowFactor ?? 1.5), TaskPhase.Pending, t.Trigger);
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
            Tasks = tasks.ToImmutable(),
            AnyOneFailed = definition.Tasks.Any(t => t.Trigger == TriggerRule.OneFailed),
        };

        var commands = new List<SlaCommand>();
        if (state.Deadline is { } deadline)
        {
            commands.Add(new StartMonitorTimer(DeadlineTimer, deadline));
        }

        if (state.RunExpected is { } expected && state.Notify.Slow)
        {
            commands.Add(new StartMonitorTimer(SlowRunTimer, state.StartedAt + expected));
        }

        state = Evaluate(state, e.At, commands);
        return new(state, commands);
    }

    /// <summary>
    /// History earns the p95 × factor rule; a configured expectation is itself the limit; a bare default is no
    /// basis for calling anything slow, so it sets none.
    /// </summary>
    internal static TimeSpan? SlowThreshold(DurationEstimate estimate, double slowFactor) => estimate.Source switch
    {
        EstimateSource.History => TimeSpan.FromTicks((long)(estimate.P95.Ticks * Math.Max(1.0, slowFactor))),
        EstimateSource.Configured => estimate.P95,
        _ => null,
    };

    private static SlaMonitorState OnTaskStarted(SlaMonitorState state, TaskStarted e, List<SlaCommand> commands)
    {
        var id = TaskInstanceKey.TaskIdOf(e.TaskKey);
        state = state with { Running = state.Running.SetItem(e.TaskKey, new RunningAttempt(id, e.Attempt, e.At)) };
        if (state.Tasks.TryGetValue(id, out var task))
        {
            state = state with { Tasks = state.Tasks.SetItem(id, task with { Phase = TaskPhase.Running }) };
            if (task.SlowThreshold is { } limit && state.Notify.Slow)
            {
                commands.Add(new StartMonitorTimer(SlowTimerId(e.TaskKey, e.Attempt), e.At + limit));
            }
        }

        return Evaluate(state, e.At, commands);
    }

    private static SlaMonitorState OnTaskFinished(SlaMonitorState state, TaskFinished e, List<SlaCommand> commands)
    {
        var id = TaskInstanceKey.TaskIdOf(e.TaskKey);
        if (state.Running.TryGetValue(e.TaskKey, out var attempt) && attempt.Attempt == e.Attempt)
        {
            state = state with { Running = state.Running.Remove(e.TaskKey) };
            if (e.Outcome == TaskOutcome.Succeeded && state.Tasks.TryGetValue(id, out var finished))
            {
                var expected = RemainingWork.LogNormal(finished.Estimate.P50.Ticks, finished.Estimate.P95.Ticks);
                state = state with
                {
                    ObservedTicks = state.ObservedTicks + (e.At - attempt.StartedAt).Ticks,
                    ObservedMedianTicks = state.ObservedMedianTicks + finished.Estimate.P50.Ticks,
                    ObservedExpectedMean = state.ObservedExpectedMean + expected.Mean,
                    ObservedExpectedVariance = state.ObservedExpectedVariance + expected.Variance,
                };
            }
        }

        if (state.Tasks.TryGetValue(id, out var task))
        {
            var stillRunning = state.Running.Values.Any(r => r.TaskId == id);
            var phase = stillRunning ? TaskPhase.Running
                : e.Outcome == TaskOutcome.Failed ? TaskPhase.Pending
                : TaskPhase.Done;
            state = state with { Tasks = state.Tasks.SetItem(id, task with { Phase = phase }) };
            if (e.Outcome is TaskOutcome.Succeeded or TaskOutcome.Skipped)
            {
                // A failed attempt may be retried: only the decider's task-failed notification makes it final.
                state = RecordOutcome(state, id, e.TaskKey, e.Outcome);
            }
        }

        var elapsed = attempt is null ? TimeSpan.Zero : e.At - attempt.StartedAt;
        state = Clear(state, AlertIds.ForRun(state.RunId, AlertKind.SlowTask, e.TaskKey), e.At,
            $"Task {e.TaskKey} finished ({Outcome(e.Outcome)}) after {Format(elapsed)}.", commands);
        if (e.Outcome == TaskOutcome.Succeeded)
        {
            foreach (var retry in state.OpenAlerts.Where(a =>
                         a.StartsWith(AlertIds.ForRun(state.RunId, AlertKind.TaskRetrying, e.TaskKey) + "#",
                             StringComparison.Ordinal)).ToArray())
            {
                state = Clear(state, retry, e.At, $"Task {e.TaskKey} succeeded on attempt {e.Attempt}.", commands);
            }
        }

        return Evaluate(state, e.At, commands);
    }

    private static SlaMonitorState OnTimer(SlaMonitorState state, MonitorTimerFired e, List<SlaCommand> commands)
    {
        if (e.TimerId == DeadlineTimer)
        {
            return DeadlineReached(state, e.At, stillRunning: true, commands);
        }

        if (e.TimerId == SlowRunTimer)
        {
            return SlowRun(state, e.At, commands);
        }

        if (e.TimerId.StartsWith(SlowTimerPrefix, StringComparison.Ordinal))
        {
            return SlowTask(state, e.TimerId, e.At, commands);
        }

        if (e.TimerId == state.EvaluationTimer)
        {
            state = state with { EvaluationTimer = null };
            return Evaluate(state, e.At, commands);
        }

        return state;
    }

    internal static string SlowTimerId(string taskKey, int attempt) =>
        SlowTimerPrefix + taskKey + "#" + attempt.ToString(CultureInfo.InvariantCulture);

    private static string Outcome(TaskOutcome outcome) => outcome.ToString().ToLowerInvariant();
}
