using System.Globalization;

namespace Workflow.Sla;

/// <summary>
/// The monitor's own timers: the deadline, the run's expected duration, one slow limit per running attempt, and
/// the one periodic re-evaluation of the forecast. A fired timer is routed to the rule that set it.
/// </summary>
internal static class MonitorTimers
{
    public const string Deadline = "deadline";
    public const string SlowRun = "slow-run";
    private const string SlowPrefix = "slow/";
    private const string EvaluatePrefix = "evaluate@";

    public static string SlowTimerId(string taskKey, int attempt) =>
        SlowPrefix + taskKey + "#" + attempt.ToString(CultureInfo.InvariantCulture);

    /// <summary>The attempt a slow timer is about, or null for any other timer id.</summary>
    public static (string TaskKey, int Attempt)? SlowAttempt(string timerId)
    {
        var hash = timerId.LastIndexOf('#');
        return timerId.StartsWith(SlowPrefix, StringComparison.Ordinal) && hash > SlowPrefix.Length &&
               int.TryParse(timerId.AsSpan(hash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var attempt)
            ? (timerId[SlowPrefix.Length..hash], attempt)
            : null;
    }

    public static string EvaluationTimerId(DateTimeOffset due) =>
        EvaluatePrefix + due.UtcTicks.ToString(CultureInfo.InvariantCulture);

    public static SlaMonitorState Fired(SlaMonitorState state, MonitorTimerFired e, List<SlaCommand> commands)
    {
        if (e.TimerId == Deadline)
        {
            return DeadlineRules.DeadlineReached(state, e.At, stillRunning: true, commands);
        }

        if (e.TimerId == SlowRun)
        {
            return SlownessRules.SlowRun(state, e.At, commands);
        }

        if (e.TimerId.StartsWith(SlowPrefix, StringComparison.Ordinal))
        {
            return SlownessRules.SlowTask(state, e.TimerId, e.At, commands);
        }

        if (e.TimerId == state.EvaluationTimer)
        {
            state = state with { EvaluationTimer = null };
            return DeadlineRules.Evaluate(state, e.At, commands);
        }

        return state;
    }
}
