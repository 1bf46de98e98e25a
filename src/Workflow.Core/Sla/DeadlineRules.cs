namespace Workflow.Sla;

/// <summary>
/// Deadline-at-risk and deadline-missed. The at-risk rule re-forecasts the finish on every task event and on a
/// periodic timer (a forecast worsens just by time passing while a task overruns), from the state's
/// <see cref="ForecastIndex"/>, which follows the run's progress instead of walking the whole run each time.
/// </summary>
internal static class DeadlineRules
{
    public static SlaMonitorState Evaluate(SlaMonitorState state, DateTimeOffset now, List<SlaCommand> commands)
    {
        if (state.Deadline is not { } deadline || now >= deadline)
        {
            return state;
        }

        var index = (state.Index ?? ForecastIndex.Build(state)).Refresh(state);
        state = state with { Index = index };
        var forecast = index.Predict(state, now);
        var limit = deadline - state.DeadlineMargin;
        var id = AlertIds.ForRun(state.RunId, AlertKind.DeadlineAtRisk);
        if (forecast.PredictedFinish > limit)
        {
            var late = forecast.PredictedFinish - deadline;
            var message = late > TimeSpan.Zero
                ? $"Run {state.RunId} may miss its deadline {SlaText.Stamp(deadline)}: predicted to finish at " +
                  $"{SlaText.Stamp(forecast.PredictedFinish)}, {SlaText.Format(late)} late."
                : $"Run {state.RunId} is at risk for its deadline {SlaText.Stamp(deadline)}: predicted to finish " +
                  $"at {SlaText.Stamp(forecast.PredictedFinish)}, inside the {SlaText.Format(state.DeadlineMargin)} " +
                  "margin.";
            state = AlertBook.Raise(state, AlertBook.New(state, id, AlertKind.DeadlineAtRisk, AlertSeverity.Warning,
                null, message, now) with
            {
                Deadline = deadline,
                PredictedFinish = forecast.PredictedFinish,
                Elapsed = now - state.StartedAt,
            }, commands);
        }
        else if (forecast.PredictedFinish <= limit - state.Settings.ClearHysteresis && state.OpenAlerts.Contains(id))
        {
            state = AlertBook.Clear(state, id, now, $"Run {state.RunId} is back on track: predicted to finish at " +
                                                    $"{SlaText.Stamp(forecast.PredictedFinish)}, deadline " +
                                                    $"{SlaText.Stamp(deadline)}.", commands);
        }

        state = state with { LastForecast = forecast.PredictedFinish };
        if (state.EvaluationTimer is null && state.Settings.EvaluationInterval > TimeSpan.Zero)
        {
            var due = now + state.Settings.EvaluationInterval;
            var timer = MonitorTimers.EvaluationTimerId(due);
            commands.Add(new StartMonitorTimer(timer, due));
            state = state with { EvaluationTimer = timer };
        }

        return state;
    }

    public static SlaMonitorState DeadlineReached(SlaMonitorState state, DateTimeOffset now, bool stillRunning,
        List<SlaCommand> commands)
    {
        var deadline = state.Deadline ?? now;
        state = AlertBook.Clear(state, AlertIds.ForRun(state.RunId, AlertKind.DeadlineAtRisk), now,
            "Superseded: the deadline has passed.", commands, AlertKind.DeadlineMissed);
        var message = stillRunning
            ? $"Run {state.RunId} missed its deadline {SlaText.Stamp(deadline)}; it is still running after " +
              $"{SlaText.Format(now - state.StartedAt)}."
            : $"Run {state.RunId} missed its deadline {SlaText.Stamp(deadline)}; it finished " +
              $"{SlaText.Format(now - deadline)} late.";
        return AlertBook.Raise(state, AlertBook.New(state, AlertIds.ForRun(state.RunId, AlertKind.DeadlineMissed),
            AlertKind.DeadlineMissed, AlertSeverity.Critical, null, message, now) with
        {
            Deadline = deadline,
            Elapsed = now - state.StartedAt,
        }, commands);
    }
}
