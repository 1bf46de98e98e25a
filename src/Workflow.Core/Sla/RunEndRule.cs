namespace Workflow.Sla;

/// <summary>
/// The run ended: a late end raises deadline-missed (if its timer did not already), the alerts about the run's
/// progress clear, and the monitor completes. Notification alerts (failed, retrying) stay until acknowledged.
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
        string[] transient = [AlertIds.Name(AlertKind.SlowTask), AlertIds.Name(AlertKind.SlowRun),
            AlertIds.Name(AlertKind.DeadlineAtRisk)];
        foreach (var id in state.OpenAlerts.Order(StringComparer.Ordinal).ToArray())
        {
            if (transient.Any(k => id.StartsWith($"{state.RunId}/{k}", StringComparison.Ordinal)))
            {
                state = AlertBook.Clear(state, id, e.At, $"Run {state.RunId} finished ({status}).", commands);
            }
        }

        commands.Add(new MonitorCompleted(e.At));
        return state with { Finished = true, Running = state.Running.Clear(), EvaluationTimer = null, Index = null };
    }
}
