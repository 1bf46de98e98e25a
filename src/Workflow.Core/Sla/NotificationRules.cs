using Workflow.Alerting;
using Workflow.Execution;

namespace Workflow.Sla;

/// <summary>
/// The run decider's notifications: a final task failure is the outcome the skip rules wait for, and each
/// notification becomes the alert the pipeline's <c>sla.notify</c> asks for (<see cref="NotificationAlerts"/>).
/// </summary>
internal static class NotificationRules
{
    public static SlaMonitorState Notified(SlaMonitorState state, RunNotified e, List<SlaCommand> commands)
    {
        var key = Key(e);
        if (state.Notifications.Contains(key))
        {
            return state;
        }

        state = state with { Notifications = state.Notifications.Add(key) };
        if (e.Kind == NotificationKind.TaskFailed && e.TaskKey is { } failedKey &&
            state.Tasks.TryGetValue(TaskInstanceKey.TaskIdOf(failedKey), out var failed))
        {
            var done = !state.Running.Values.Any(r => r.TaskId == failed.Id);
            var edits = new MonitorEdits(state);
            SkipInference.RecordOutcome(edits, failed, done ? TaskPhase.Done : failed.Phase, failedKey,
                TaskOutcome.Failed);
            state = edits.State;
        }

        if (e.Kind == NotificationKind.TaskFailed && e.TaskKey is { } finalKey)
        {
            // The task failed for good: its retry alerts are replaced by the failure, as deadline-missed replaces
            // deadline-at-risk, and only the final alert stays open for someone to acknowledge.
            state = AlertBook.ClearRetries(state, finalKey, e.At, $"Task {finalKey} failed for good: {e.Message}",
                commands, AlertKind.TaskFailed);
        }

        if (!IsStaleRetry(state, e) &&
            NotificationAlerts.For(state.Notify, state.RunId, state.PipelineId, state.OwnerGroup, e.Kind, e.Message,
                e.At, e.TaskKey, e.Attempt) is { } alert)
        {
            state = AlertBook.Raise(state, alert, commands);
        }

        return DeadlineRules.Evaluate(state, e.At, commands);
    }

    /// <summary>
    /// What makes a notification itself: the run decider sends each kind at most once per task key and attempt.
    /// </summary>
    public static string Key(RunNotified e) =>
        $"{e.Kind}/{e.TaskKey}#{e.Attempt?.ToString(System.Globalization.CultureInfo.InvariantCulture)}";

    /// <summary>
    /// A retry notice for a task the monitor already knows succeeded or failed for good: only a late delivery (a
    /// restart catching up) can bring one, and raising it would leave a retry alert open that the outcome already
    /// settled.
    /// </summary>
    private static bool IsStaleRetry(SlaMonitorState state, RunNotified e) =>
        e.Kind == NotificationKind.TaskRetrying && e.TaskKey is { } key &&
        state.Tasks.TryGetValue(key, out var task) && task.Outcome is TaskOutcome.Succeeded or TaskOutcome.Failed;
}
