using System.Globalization;
using Workflow.Alerting;
using Workflow.Execution;

namespace Workflow.Sla;

/// <summary>The alert rules of the SLA monitor: deadline forecast, slowness, and run notifications.</summary>
public static partial class SlaMonitorDecider
{
    /// <summary>
    /// Re-forecasts the finish and raises or clears deadline-at-risk. Runs on every task event and on a periodic
    /// timer, because a forecast worsens just by time passing while a task overruns.
    /// </summary>
    private static SlaMonitorState Evaluate(SlaMonitorState state, DateTimeOffset now, List<SlaCommand> commands)
    {
        if (state.Deadline is not { } deadline || now >= deadline)
        {
            return state;
        }

        var forecast = CompletionForecast.Predict(state, now);
        var limit = deadline - state.DeadlineMargin;
        var id = AlertIds.ForRun(state.RunId, AlertKind.DeadlineAtRisk);
        if (forecast.PredictedFinish > limit)
        {
            var late = forecast.PredictedFinish - deadline;
            var message = late > TimeSpan.Zero
                ? $"Run {state.RunId} may miss its deadline {Stamp(deadline)}: predicted to finish at " +
                  $"{Stamp(forecast.PredictedFinish)}, {Format(late)} late."
                : $"Run {state.RunId} is at risk for its deadline {Stamp(deadline)}: predicted to finish at " +
                  $"{Stamp(forecast.PredictedFinish)}, inside the {Format(state.DeadlineMargin)} margin.";
            state = Raise(state, NewAlert(state, id, AlertKind.DeadlineAtRisk, AlertSeverity.Warning, null, message,
                now) with
            {
                Deadline = deadline,
                PredictedFinish = forecast.PredictedFinish,
                Elapsed = now - state.StartedAt,
            }, commands);
        }
        else if (forecast.PredictedFinish <= limit - state.Settings.ClearHysteresis)
        {
            state = Clear(state, id, now, $"Run {state.RunId} is back on track: predicted to finish at " +
                                          $"{Stamp(forecast.PredictedFinish)}, deadline {Stamp(deadline)}.", commands);
        }

        state = state with { LastForecast = forecast.PredictedFinish };
        if (state.EvaluationTimer is null && state.Settings.EvaluationInterval > TimeSpan.Zero)
        {
            var due = now + state.Settings.EvaluationInterval;
            var timer = EvaluateTimerPrefix + due.UtcTicks.ToString(CultureInfo.InvariantCulture);
            commands.Add(new StartMonitorTimer(timer, due));
            state = state with { EvaluationTimer = timer };
        }

        return state;
    }

    private static SlaMonitorState DeadlineReached(SlaMonitorState state, DateTimeOffset now, bool stillRunning,
        List<SlaCommand> commands)
    {
        var deadline = state.Deadline ?? now;
        state = Clear(state, AlertIds.ForRun(state.RunId, AlertKind.DeadlineAtRisk), now,
            "Superseded: the deadline has passed.", commands);
        var message = stillRunning
            ? $"Run {state.RunId} missed its deadline {Stamp(deadline)}; it is still running after " +
              $"{Format(now - state.StartedAt)}."
            : $"Run {state.RunId} missed its deadline {Stamp(deadline)}; it finished {Format(now - deadline)} late.";
        return Raise(state, NewAlert(state, AlertIds.ForRun(state.RunId, AlertKind.DeadlineMissed),
            AlertKind.DeadlineMissed, AlertSeverity.Critical, null, message, now) with
        {
            Deadline = deadline,
            Elapsed = now - state.StartedAt,
        }, commands);
    }

    private static SlaMonitorState SlowRun(SlaMonitorState state, DateTimeOffset now, List<SlaCommand> commands)
    {
        var expected = state.RunExpected ?? TimeSpan.Zero;
        var message = $"Run {state.RunId} has run {Format(now - state.StartedAt)}, longer than its expected " +
                      $"{Format(expected)}.";
        return Raise(state, NewAlert(state, AlertIds.ForRun(state.RunId, AlertKind.SlowRun), AlertKind.SlowRun,
            AlertSeverity.Warning, null, message, now) with
        {
            Elapsed = now - state.StartedAt,
            Threshold = expected,
        }, commands);
    }

    private static SlaMonitorState SlowTask(SlaMonitorState state, string timerId, DateTimeOffset now,
        List<SlaCommand> commands)
    {
        var running = state.Running.FirstOrDefault(r => SlowTimerId(r.Key, r.Value.Attempt) == timerId);
        if (running.Key is null || !state.Tasks.TryGetValue(running.Value.TaskId, out var task))
        {
            return state;
        }

        var elapsed = now - running.Value.StartedAt;
        var limit = task.SlowThreshold ?? elapsed;
        var basis = task.Estimate.Source == EstimateSource.History
            ? $"its slow limit of {Format(limit)} (from its p95 of {Format(task.Estimate.P95)} over " +
              $"{task.Estimate.Samples} runs)"
            : $"its expected duration of {Format(limit)}";
        var message = $"Task {running.Key} of run {state.RunId} has run {Format(elapsed)} " +
                      $"(attempt {running.Value.Attempt}), longer than {basis}.";
        return Raise(state, NewAlert(state, AlertIds.ForRun(state.RunId, AlertKind.SlowTask, running.Key),
            AlertKind.SlowTask, AlertSeverity.Warning, running.Key, message, now) with
        {
            Elapsed = elapsed,
            Threshold = task.SlowThreshold,
            Attempt = running.Value.Attempt,
        }, commands);
    }

    private static SlaMonitorState OnNotified(SlaMonitorState state, RunNotified e, List<SlaCommand> commands)
    {
        if (e.Kind == NotificationKind.TaskFailed && e.TaskKey is { } failedKey &&
            state.Tasks.TryGetValue(TaskInstanceKey.TaskIdOf(failedKey), out var failed) &&
            !state.Running.Values.Any(r => r.TaskId == failed.Id))
        {
            state = state with { Tasks = state.Tasks.SetItem(failed.Id, failed with { Phase = TaskPhase.Done }) };
        }

        if (e.Kind == NotificationKind.TaskFailed && e.TaskKey is { } finalKey)
        {
            state = RecordOutcome(state, TaskInstanceKey.TaskIdOf(finalKey), finalKey, TaskOutcome.Failed);
        }

        if (NotificationAlerts.For(state.Notify, state.RunId, state.PipelineId, state.OwnerGroup, e.Kind, e.Message,
                e.At, e.TaskKey, e.Attempt) is { } alert)
        {
            state = Raise(state, alert, commands);
        }

        return Evaluate(state, e.At, commands);
    }

    private static SlaMonitorState OnRunFinished(SlaMonitorState state, RunFinished e, List<SlaCommand> commands)
    {
        if (state.Deadline is { } deadline && e.At > deadline &&
            !state.OpenAlerts.Contains(AlertIds.ForRun(state.RunId, AlertKind.DeadlineMissed)))
        {
            state = DeadlineReached(state, e.At, stillRunning: false, commands);
        }

        var status = e.Status.ToString().ToLowerInvariant();
        string[] transient = [AlertIds.Name(AlertKind.SlowTask), AlertIds.Name(AlertKind.SlowRun),
            AlertIds.Name(AlertKind.DeadlineAtRisk)];
        foreach (var id in state.OpenAlerts.Order(StringComparer.Ordinal).ToArray())
        {
            if (transient.Any(k => id.StartsWith($"{state.RunId}/{k}", StringComparison.Ordinal)))
            {
                state = Clear(state, id, e.At, $"Run {state.RunId} finished ({status}).", commands);
            }
        }

        commands.Add(new MonitorCompleted(e.At));
        return state with { Finished = true, Running = state.Running.Clear(), EvaluationTimer = null };
    }

    private static Alert NewAlert(SlaMonitorState state, string id, AlertKind kind, AlertSeverity severity,
        string? taskKey, string message, DateTimeOffset at) =>
        new(id, kind, severity, state.PipelineId, state.OwnerGroup, state.RunId, taskKey, message, at);

    private static SlaMonitorState Raise(SlaMonitorState state, Alert alert, List<SlaCommand> commands)
    {
        if (state.OpenAlerts.Contains(alert.Id))
        {
            return state;
        }

        commands.Add(new RaiseAlert(alert));
        return state with { OpenAlerts = state.OpenAlerts.Add(alert.Id) };
    }

    private static SlaMonitorState Clear(SlaMonitorState state, string id, DateTimeOffset at, string reason,
        List<SlaCommand> commands)
    {
        if (!state.OpenAlerts.Contains(id))
        {
            return state;
        }

        commands.Add(new ClearAlert(id, at, reason));
        return state with { OpenAlerts = state.OpenAlerts.Remove(id) };
    }

    internal static string Stamp(DateTimeOffset at) =>
        at.ToUniversalTime().ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    /// <summary>Whole seconds, or tenths under ten seconds, so that a short task's limit and elapsed time differ.</summary>
    internal static string Format(TimeSpan span)
    {
        var seconds = Math.Max(0, span.TotalSeconds);
        return seconds < 10
            ? Math.Round(seconds, 1).ToString("0.#", CultureInfo.InvariantCulture) + "s"
            : Json.Duration.Format(TimeSpan.FromSeconds(Math.Round(seconds)));
    }
}
