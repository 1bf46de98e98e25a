namespace Workflow.Sla;

/// <summary>
/// The monitor's open alerts: raising an id that is open, or clearing one that is not, does nothing, so each rule
/// can state its condition on every event without tracking what it said before.
/// </summary>
internal static class AlertBook
{
    public static Alert New(SlaMonitorState state, string id, AlertKind kind, AlertSeverity severity, string? taskKey,
        string message, DateTimeOffset at) =>
        new(id, kind, severity, state.PipelineId, state.OwnerGroup, state.RunId, taskKey, message, at);

    public static SlaMonitorState Raise(SlaMonitorState state, Alert alert, List<SlaCommand> commands)
    {
        if (state.OpenAlerts.Contains(alert.Id))
        {
            return state;
        }

        commands.Add(new RaiseAlert(alert));
        return state with { OpenAlerts = state.OpenAlerts.Add(alert.Id) };
    }

    public static SlaMonitorState Clear(SlaMonitorState state, string id, DateTimeOffset at, string reason,
        List<SlaCommand> commands)
    {
        if (!state.OpenAlerts.Contains(id))
        {
            return state;
        }

        commands.Add(new ClearAlert(id, at, reason));
        return state with { OpenAlerts = state.OpenAlerts.Remove(id) };
    }
}
