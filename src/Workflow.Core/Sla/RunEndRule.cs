using Workflow.Execution;

namespace Workflow.Sla;

/// <summary>
/// The run ended: a late end raises deadline-missed (if its timer did not already), the alerts about the run's
/// progress and its retry alerts clear (superseded by run-failed when the run failed, else resolved), and the
/// monitor completes. The final notification alerts (task-failed, run-failed, run-succeeded) stay until
/// acknowledged.
/// </summary>
internal static class RunEndRule
{
    public static SlaMonitorState Finished(SlaMonitorState state, RunFinished e, List<SlaCommand> commands)
    {
        if (state.Deadline is { } deadline && e.At > deadline &&
            !state.OpenAlerts.Contains(AlertIds.ForRun(state.RunId, AlertKind.DeadlineMissed)))
        {
            state = DeadlineRules.DeadlineReached(state, e.At, stillRunning: false, commands);
        }

        var status = e.Status.ToString().ToLowerInvariant();
        var reason = $"Run {state.RunId} finished ({status}).";
        AlertKind? supersededBy = e.Status == RunStatus.Failed ? AlertKind.RunFailed : null;
        string[] transient = [AlertIds.Name(AlertKind.SlowTask), AlertIds.Name(AlertKind.SlowRun),
            AlertIds.Name(AlertKind.DeadlineAtRisk)];
        foreach (var id in state.OpenAlerts.Order(StringComparer.Ordinal).ToArray())
        {
            if (transient.Any(k => id.StartsWith($"{state.RunId}/{k}", StringComparison.Ordinal)))
            {
                state = AlertBook.Clear(state, id, e.At, reason, commands, supersededBy);
            }
        }

        state = AlertBook.ClearRetries(state, taskKey: null, e.At, reason, commands, supersededBy);

        commands.Add(new MonitorCompleted(e.At));
        return state with { Finished = true, Running = state.Running.Clear(), EvaluationTimer = null, Index = null };
    }
}
