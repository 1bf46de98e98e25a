using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Workflow.Alerting;
using Workflow.Engine.Telemetry;
using Workflow.Model;
using Workflow.Services;
using Workflow.Sla;

namespace Workflow.Engine.Alerts;

/// <summary>
/// The alert sinks: every alert is stored, logged and counted in the <c>workflow.sla.alerts</c> metric; when
/// webhooks are configured (globally or by the pipeline's SLA channels) a delivery is queued for each and the
/// delivery worker is woken.
/// </summary>
public sealed class AlertDispatcher(AlertStore store, WorkflowTelemetry telemetry, WebhookDeliverySignal signal,
    IOptions<AlertOptions> options, TimeProvider time, ILogger<AlertDispatcher> logger)
{
    public async Task<RaiseOutcome> RaiseAsync(Alert alert, IReadOnlyList<AlertChannel>? channels)
    {
        ArgumentNullException.ThrowIfNull(alert);
        var outcome = await store.RaiseAsync(alert, Webhooks(channels), time.GetUtcNow());
        if (outcome != RaiseOutcome.AlreadyOpen)
        {
            LogRaised(alert);
            telemetry.AlertRaised(alert);
            signal.Wake();
        }

        return outcome;
    }

    private void LogRaised(Alert alert)
    {
        var kind = AlertIds.Name(alert.Kind);
        var severity = alert.Severity.ToString().ToLowerInvariant();
        if (string.IsNullOrEmpty(alert.TaskKey))
        {
            Log.AlertRaised(logger, alert.Id, kind, severity, alert.PipelineId, alert.RunId, alert.Message);
        }
        else
        {
            Log.TaskAlertRaised(logger, alert.Id, kind, severity, alert.PipelineId, alert.RunId, alert.TaskKey,
                alert.Message);
        }
    }

    public async Task<bool> ClearAsync(string alertId, DateTimeOffset at, string reason, AlertKind? supersededBy,
        IReadOnlyList<AlertChannel>? channels)
    {
        var cleared = await store.ClearAsync(alertId, at, reason, supersededBy, Webhooks(channels));
        if (cleared is null)
        {
            return false;
        }

        Log.AlertCleared(logger, alertId, reason);
        signal.Wake();
        return true;
    }

    private IReadOnlyList<string> Webhooks(IReadOnlyList<AlertChannel>? channels) =>
        AlertReceivers.Of(options.Value.Webhooks, channels);
}
