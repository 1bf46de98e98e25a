using Workflow.Execution;
namespace Workflow.Sla;

/// <summary>
/// Attempts starting and ending: which attempts run now, each task's phase, the slow timer of a new attempt, the
/// observed durations the slowdown is measured from, and the alerts an ended attempt settles (its slow-task alert,
/// and on success its retry alerts). A series of them changes one set of edits (<see cref="MonitorEdits"/>), and
/// the deadline forecast that follows is the decider's (<see cref="SlaMonitorDecider"/>), once after the series.
/// </summary>
internal static class AttemptTracking
{
    public static void Started(MonitorEdits edits, TaskStarted e, List<SlaCommand> commands)
    {
        var id = TaskInstanceKey.TaskIdOf(e.TaskKey);
        edits.SetRunning(e.TaskKey, new RunningAttempt(id, e.Attempt, e.At));
        if (edits.TryGetTask(id, out var task))
        {
            if (task.Phase != TaskPhase.Running)
            {
                edits.SetTask(task with { Phase = TaskPhase.Running });
            }

            if (SlowWatched(edits, task) is { } limit)
            {
                commands.Add(new StartMonitorTimer(MonitorTimers.SlowTimerId(e.TaskKey, e.Attempt), e.At + limit));
            }
        }
    }

    public static void Finished(MonitorEdits edits, TaskFinished e, List<SlaCommand> commands)
    {
        var id = TaskInstanceKey.TaskIdOf(e.TaskKey);
        var known = edits.TryGetTask(id, out var task);
        if (edits.TryGetRunning(e.TaskKey, out var attempt) && attempt.Attempt == e.Attempt)
        {
            edits.RemoveRunning(e.TaskKey);
            if (known)
            {
                if (SlowWatched(edits, task) is not null)
                {
                    commands.Add(new CancelMonitorTimer(MonitorTimers.SlowTimerId(e.TaskKey, e.Attempt)));
                }

                if (e.Outcome == TaskOutcome.Succeeded)
                {
                    var expected = RemainingWork.LogNormal(task.Estimate.P50.Ticks, task.Estimate.P95.Ticks);
                    edits.AddObserved((e.At - attempt.StartedAt).Ticks, task.Estimate.P50.Ticks, expected.Mean,
                        expected.Variance);
                }
            }
        }

        if (known)
        {
            // A plain task runs under its own id; only a map task's instances (id[i]) need the scan.
            var stillRunning = edits.TryGetRunning(id, out _) || (e.TaskKey != id && edits.AnyRunningOf(id));
            var phase = stillRunning ? TaskPhase.Running
                : e.Outcome == TaskOutcome.Failed ? TaskPhase.Pending
                : TaskPhase.Done;
            // A failed attempt may be retried: only the decider's task-failed notification makes it final.
            if (e.Outcome is TaskOutcome.Succeeded or TaskOutcome.Skipped)
            {
                SkipInference.RecordOutcome(edits, task, phase, e.TaskKey, e.Outcome);
            }
            else if (task.Phase != phase)
            {
                edits.SetTask(task with { Phase = phase });
            }
        }

        // Most runs have no alert open; the ids and messages below are then not worth making.
        if (!edits.Rest.OpenAlerts.IsEmpty)
        {
            SettleAlerts(edits, e, attempt, commands);
        }
    }

    // Its own method so that the lambda's captures are allocated only when an alert is open: captured here, in
    // Finished, they would be allocated on every attempt's end.
    private static void SettleAlerts(MonitorEdits edits, TaskFinished e, RunningAttempt? attempt,
        List<SlaCommand> commands) =>
        edits.Update(state => SettleAlerts(state, e, attempt, commands));

    /// <summary>The slow limit an attempt of <paramref name="task"/> is timed against, or null when it is not timed.</summary>
    private static TimeSpan? SlowWatched(MonitorEdits edits, TaskSla task) =>
        edits.Rest.Notify.Slow ? task.SlowThreshold : null;

    /// <summary>The alerts an ended attempt settles: its slow-task alert, and on success its retry alerts.</summary>
    private static SlaMonitorState SettleAlerts(SlaMonitorState state, TaskFinished e, RunningAttempt? attempt,
        List<SlaCommand> commands)
    {
        var elapsed = attempt is null ? TimeSpan.Zero : e.At - attempt.StartedAt;
        state = AlertBook.Clear(state, AlertIds.ForRun(state.RunId, AlertKind.SlowTask, e.TaskKey), e.At,
            $"Task {e.TaskKey} finished ({SlaText.Outcome(e.Outcome)}) after {SlaText.Format(elapsed)}.", commands);
        if (e.Outcome == TaskOutcome.Succeeded)
        {
            state = AlertBook.ClearRetries(state, e.TaskKey, e.At, $"Task {e.TaskKey} succeeded on attempt {e.Attempt}.",
                commands, supersededBy: null);
        }

        return state;
    }
}
