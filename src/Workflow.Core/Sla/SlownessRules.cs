namespace Workflow.Sla;

/// <summary>
/// Slow-task and slow-run: a running attempt passes its task's slow limit, or the run passes its expected
/// duration. Both are timers the monitor set when the attempt or the run began.
/// </summary>
internal static class SlownessRules
{
    /// <summary>
    /// History earns the p95 × factor rule; a configured expectation is itself the limit; a bare default is no
    /// basis for calling anything slow, so it sets none.
    /// </summary>
    public static TimeSpan? SlowThreshold(DurationEstimate estimate, double slowFactor) => estimate.Source switch
    {
        EstimateSource.History => TimeSpan.FromTicks((long)(estimate.P95.Ticks * Math.Max(1.0, slowFactor))),
        EstimateSource.Configured => estimate.P95,
        _ => null,
    };

    public static SlaMonitorState SlowRun(SlaMonitorState state, DateTimeOffset now, List<SlaCommand> commands)
    {
        var expected = state.RunExpected ?? TimeSpan.Zero;
        var message = $"Run {state.RunId} has run {SlaText.Format(now - state.StartedAt)}, longer than its " +
                      $"expected {SlaText.Format(expected)}.";
        return AlertBook.Raise(state, AlertBook.New(state, AlertIds.ForRun(state.RunId, AlertKind.SlowRun),
            AlertKind.SlowRun, AlertSeverity.Warning, null, message, now) with
        {
            Elapsed = now - state.StartedAt,
            Threshold = expected,
        }, commands);
    }

    /// <summary>The attempt whose slow timer fired, if it is still running, is slow.</summary>
    public static SlaMonitorState SlowTask(SlaMonitorState state, string timerId, DateTimeOffset now,
        List<SlaCommand> commands)
    {
        if (MonitorTimers.SlowAttempt(timerId) is not var (key, attempt) ||
            !state.Running.TryGetValue(key, out var attemptRunning) || attemptRunning.Attempt != attempt ||
            !state.Tasks.TryGetValue(attemptRunning.TaskId, out var task))
        {
            return state;
        }

        var running = KeyValuePair.Create(key, attemptRunning);

        var elapsed = now - running.Value.StartedAt;
        var limit = task.SlowThreshold ?? elapsed;
        var basis = task.Estimate.Source == EstimateSource.History
            ? $"its slow limit of {SlaText.Format(limit)} (from its p95 of {SlaText.Format(task.Estimate.P95)} over " +
              $"{task.Estimate.Samples} runs)"
            : $"its expected duration of {SlaText.Format(limit)}";
        var message = $"Task {running.Key} of run {state.RunId} has run {SlaText.Format(elapsed)} " +
                      $"(attempt {running.Value.Attempt}), longer than {basis}.";
        return AlertBook.Raise(state, AlertBook.New(state, AlertIds.ForRun(state.RunId, AlertKind.SlowTask, running.Key),
            AlertKind.SlowTask, AlertSeverity.Warning, running.Key, message, now) with
        {
            Elapsed = elapsed,
            Threshold = task.SlowThreshold,
            Attempt = running.Value.Attempt,
        }, commands);
    }
}
