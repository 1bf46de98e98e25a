using Workflow.Execution;
namespace Workflow.Sla;

/// <summary>
/// Attempts starting and ending: which attempts run now, each task's phase, the slow timer of a new attempt, the
/// observed durations the slowdown is measured from, and the alerts an ended attempt settles (its slow-task alert,
/// and on success its retry alerts). The deadline forecast that follows is the decider's
/// (<see cref="SlaMonitorDecider"/>), once after a series of them.
/// </summary>
internal static class AttemptTracking
{
    public static SlaMonitorState Started(SlaMonitorState state, TaskStarted e, List<SlaCommand> commands)
    {
        var id = TaskInstanceKey.TaskIdOf(e.TaskKey);
        state = state.SetRunning(e.TaskKey, new RunningAttempt(id, e.Attempt, e.At));
        if (state.Tasks.TryGetValue(id, out var task))
        {
            state = state.SetTask(task with { Phase = TaskPhase.Running });
            if (task.SlowThreshold is { } limit && state.Notify.Slow)
            {
                commands.Add(new StartMonitorTimer(MonitorTimers.SlowTimerId(e.TaskKey, e.Attempt), e.At + limit));
            }
        }

        return state;
    }

    public static SlaMonitorState Finished(SlaMonitorState state, TaskFinished e, List<SlaCommand> commands)
    {
        var id = TaskInstanceKey.TaskIdOf(e.TaskKey);
        if (state.Running.TryGetValue(e.TaskKey, out var attempt) && attempt.Attempt == e.Attempt)
        {
            state = state.RemoveRunning(e.TaskKey);
            if (e.Outcome == TaskOutcome.Succeeded && state.Tasks.TryGetValue(id, out var finished))
            {
                state = Observed(state, finished, e.At - attempt.StartedAt);
            }
        }

        if (state.Tasks.TryGetValue(id, out var task))
        {
            // A plain task runs under its own id; only a map task's instances (id[i]) need the scan.
            var stillRunning = state.Running.ContainsKey(id) ||
                               (e.TaskKey != id && state.Running.Values.Any(r => r.TaskId == id));
            var phase = stillRunning ? TaskPhase.Running
                : e.Outcome == TaskOutcome.Failed ? TaskPhase.Pending
                : TaskPhase.Done;
            // A failed attempt may be retried: only the decider's task-failed notification makes it final.
            state = e.Outcome is TaskOutcome.Succeeded or TaskOutcome.Skipped
                ? SkipInference.RecordOutcome(state, task with { Phase = phase }, e.TaskKey, e.Outcome)
                : state.SetTask(task with { Phase = phase });
        }

        // Most runs have no alert open; the ids and messages below are then not worth making.
        return state.OpenAlerts.IsEmpty ? state : SettleAlerts(state, e, attempt, commands);
    }

    /// <summary>The alerts an ended attempt settles: its slow-task alert, and on success its retry alerts.</summary>
    private static SlaMonitorState SettleAlerts(SlaMonitorState state, TaskFinished e, RunningAttempt? attempt,
        List<SlaCommand> commands)
    {
        var elapsed = attempt is null ? TimeSpan.Zero : e.At - attempt.StartedAt;
        state = AlertBook.Clear(state, AlertIds.ForRun(state.RunId, AlertKind.SlowTask, e.TaskKey), e.At,
            $"Task {e.TaskKey} finished ({SlaText.Outcome(e.Outcome)}) after {SlaText.Format(elapsed)}.", commands);
        if (e.Outcome == TaskOutcome.Succeeded)
        {
            var retrying = AlertIds.ForRun(state.RunId, AlertKind.TaskRetrying, e.TaskKey) + "#";
            foreach (var retry in state.OpenAlerts.Where(a => a.StartsWith(retrying, StringComparison.Ordinal)).ToArray())
            {
                state = AlertBook.Clear(state, retry, e.At, $"Task {e.TaskKey} succeeded on attempt {e.Attempt}.",
                    commands);
            }
        }

        return state;
    }

    /// <summary>A succeeded attempt's duration against what its estimate predicted, for the slowdown ratio.</summary>
    private static SlaMonitorState Observed(SlaMonitorState state, TaskSla task, TimeSpan took)
    {
        var expected = RemainingWork.LogNormal(task.Estimate.P50.Ticks, task.Estimate.P95.Ticks);
        return state with
        {
            ObservedTicks = state.ObservedTicks + took.Ticks,
            ObservedMedianTicks = state.ObservedMedianTicks + task.Estimate.P50.Ticks,
            ObservedExpectedMean = state.ObservedExpectedMean + expected.Mean,
            ObservedExpectedVariance = state.ObservedExpectedVariance + expected.Variance,
        };
    }
}
