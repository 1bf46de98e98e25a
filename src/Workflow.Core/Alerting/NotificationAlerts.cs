using Workflow.Execution;
using Workflow.Model;
using Workflow.Sla;

namespace Workflow.Alerting;

/// <summary>
/// What a run notification (failure, retry, success) turns into as an alert, per the pipeline's
/// <see cref="NotifyOn"/>: the SLA monitor decider raises it in both hosts, and the Azure app's publish activity
/// raises the same alert (same id, so the two deduplicate) for runs that have no monitor.
/// </summary>
public static class NotificationAlerts
{
    /// <summary>The alert for a notification, or null when the pipeline does not want one for it.</summary>
    public static Alert? For(NotifyOn notify, string runId, string pipelineId, string ownerGroup,
        NotificationKind kind, string message, DateTimeOffset at, string? taskKey = null, int? attempt = null)
    {
        ArgumentNullException.ThrowIfNull(notify);
        var (alertKind, severity, wanted, idAttempt) = kind switch
        {
            NotificationKind.TaskRetrying => (AlertKind.TaskRetrying, AlertSeverity.Warning, notify.Retrying, attempt),
            NotificationKind.TaskFailed => (AlertKind.TaskFailed, AlertSeverity.Error, notify.Failed, null),
            NotificationKind.RunFailed => (AlertKind.RunFailed, AlertSeverity.Critical, notify.Failed, null),
            NotificationKind.RunSucceeded => (AlertKind.RunSucceeded, AlertSeverity.Info, notify.Succeeded, null),
            _ => (AlertKind.RunFailed, AlertSeverity.Info, false, (int?)null),
        };
        if (!wanted)
        {
            return null;
        }

        var id = AlertIds.ForRun(runId, alertKind, taskKey, idAttempt);
        return new Alert(id, alertKind, severity, pipelineId, ownerGroup, runId, taskKey, message, at)
        {
            Attempt = attempt,
        };
    }
}
