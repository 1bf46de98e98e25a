namespace Workflow.Sla;

/// <summary>
/// The SLA monitor: <c>Decide(state, event) -> (state', commands)</c>, pure like the run decider. It runs beside
/// a run (the Durable "monitor pattern"), wakes on task events and on its own timers, and raises and clears
/// alerts for slow tasks, a deadline at risk or missed, and the failure notifications the pipeline asks for.
/// Each event goes to the rule that owns it: <see cref="MonitorStartup"/>, <see cref="AttemptTracking"/>,
/// <see cref="NotificationRules"/>, <see cref="RunEndRule"/> and <see cref="MonitorTimers"/>.
/// </summary>
public static class SlaMonitorDecider
{
    public static SlaDecision Decide(SlaMonitorState state, SlaEvent @event)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(@event);
        if (@event is MonitorStarted started)
        {
            return state.Started ? new(state, []) : MonitorStartup.Start(started);
        }

        if (!state.Started || state.Finished)
        {
            return new(state, []);
        }

        var commands = new List<SlaCommand>();
        var next = @event switch
        {
            TaskStarted e => AttemptTracking.Started(state, e, commands),
            TaskFinished e => AttemptTracking.Finished(state, e, commands),
            RunNotified e => NotificationRules.Notified(state, e, commands),
            RunFinished e => RunEndRule.Finished(state, e, commands),
            MonitorTimerFired e => MonitorTimers.Fired(state, e, commands),
            _ => state,
        };
        return new(next, commands);
    }
}
