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
            Log.AlertRaised(logger, alert.Id, AlertIds.Name(alert.Kind), alert.Severity.ToString().ToLowerInvariant(),
                alert.PipelineId, alert.RunId, alert.TaskKey, alert.Message);
            telemetry.AlertRaised(alert);
            signal.Wake();
        }

        return outcome;
    }

    public async Task<bool> ClearAsync(string alertId, DateTimeOffset at, string reason,
        IReadOnlyList<AlertChannel>? channels)
    {
        var cleared = await store.ClearAsync(alertId, at, reason, Webhooks(channels));
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
