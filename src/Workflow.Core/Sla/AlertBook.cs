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

    /// <summary>
    /// Clears <paramref name="id"/> if it is open; <paramref name="supersededBy"/> names the worse outcome that ended
    /// it, when it did not resolve (<see cref="ClearAlert.SupersededBy"/>).
    /// </summary>
    public static SlaMonitorState Clear(SlaMonitorState state, string id, DateTimeOffset at, string reason,
        List<SlaCommand> commands, AlertKind? supersededBy = null)
    {
        if (!state.OpenAlerts.Contains(id))
        {
            return state;
        }

        commands.Add(new ClearAlert(id, at, reason, supersededBy));
        return state with { OpenAlerts = state.OpenAlerts.Remove(id) };
    }

    /// <summary>
    /// Clears the open retry alerts of task <paramref name="taskKey"/>: its story ended (it succeeded, failed for
    /// good, or the run ended), so nothing is retrying any more. In id order: the open alerts are a hashed set, whose
    /// order differs between processes, and a Durable orchestration replaying the decision must issue the same
    /// commands in the same order. A null <paramref name="taskKey"/> clears those of every task.
    /// </summary>
    public static SlaMonitorState ClearRetries(SlaMonitorState state, string? taskKey, DateTimeOffset at,
        string reason, List<SlaCommand> commands, AlertKind? supersededBy)
    {
        var prefix = taskKey is null
            ? $"{state.RunId}/{AlertIds.Name(AlertKind.TaskRetrying)}/"
            : AlertIds.ForRun(state.RunId, AlertKind.TaskRetrying, taskKey) + "#";
        foreach (var retry in state.OpenAlerts.Where(a => a.StartsWith(prefix, StringComparison.Ordinal))
                     .Order(StringComparer.Ordinal).ToArray())
        {
            state = Clear(state, retry, at, reason, commands, supersededBy);
        }

        return state;
    }
}
