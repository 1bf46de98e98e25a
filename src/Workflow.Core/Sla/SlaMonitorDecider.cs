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
        ArgumentNullException.ThrowIfNull(@event);
        return Decide(state, [@event]);
    }

    /// <summary>
    /// Several events, in order, as a shell that received them together hands them over. Each is applied as on its
    /// own, except that the deadline forecast after a series of attempt starts and ends is worked out once, at the
    /// last of them, rather than after each: what the monitor knows then, at that time, is what the forecast is
    /// for, and the forecasts in between would be superseded before anyone could act on them. Any other event (a
    /// notification, a timer, the run's end) sees the forecast of the attempts before it first.
    /// </summary>
    /// <remarks>
    /// The state's forecast index is updated in place when <paramref name="state"/> is the latest state it has
    /// seen (an older state gets an index rebuilt from scratch, so a decision still depends only on its inputs).
    /// A decision claims the index for its duration: a second decision of a state whose index is claimed, on
    /// another thread at the same time, decides with an index of its own, built from scratch, rather than both
    /// updating one index at once. Each host's monitor loop decides a state from one caller, and never pays that.
    /// </remarks>
    public static SlaDecision Decide(SlaMonitorState state, IReadOnlyList<SlaEvent> events)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(events);
        var claimed = state.Index;
        if (claimed is not null && !claimed.TryClaim())
        {
            claimed = null;
            state = state with { Index = null };
        }

        try
        {
            return Apply(state, events);
        }
        finally
        {
            claimed?.Release();
        }
    }

    private static SlaDecision Apply(SlaMonitorState state, IReadOnlyList<SlaEvent> events)
    {
        var commands = new List<SlaCommand>();
        DateTimeOffset? forecastDue = null;
        MonitorEdits? series = null;
        foreach (var @event in events)
        {
            ArgumentNullException.ThrowIfNull(@event);
            if (@event is MonitorStarted started)
            {
                if (!state.Started)
                {
                    var first = MonitorStartup.Start(started);
                    state = first.State;
                    commands.AddRange(first.Commands);
                }

                continue;
            }

            if (!state.Started || state.Finished)
            {
                continue;
            }

            if (@event is TaskStarted or TaskFinished)
            {
                series ??= new MonitorEdits(state);
                if (@event is TaskStarted s)
                {
                    AttemptTracking.Started(series, s, commands);
                }
                else
                {
                    AttemptTracking.Finished(series, (TaskFinished)@event, commands);
                }

                forecastDue = @event.At;
                continue;
            }

            state = Forecast(End(ref series, state), ref forecastDue, commands);
            state = @event switch
            {
                RunNotified e => NotificationRules.Notified(state, e, commands),
                RunFinished e => RunEndRule.Finished(state, e, commands),
                MonitorTimerFired e => MonitorTimers.Fired(state, e, commands),
                _ => state,
            };
        }

        return new(Forecast(End(ref series, state), ref forecastDue, commands), commands);
    }

    /// <summary>The state a series of attempt events led to, or <paramref name="state"/> when none is open.</summary>
    private static SlaMonitorState End(ref MonitorEdits? series, SlaMonitorState state)
    {
        if (series is null)
        {
            return state;
        }

        state = series.State;
        series = null;
        return state;
    }

    private static SlaMonitorState Forecast(SlaMonitorState state, ref DateTimeOffset? due, List<SlaCommand> commands)
    {
        if (due is not { } at)
        {
            return state;
        }

        due = null;
        return DeadlineRules.Evaluate(state, at, commands);
    }
}
