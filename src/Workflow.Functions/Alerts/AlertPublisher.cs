using Microsoft.Extensions.Options;
using Workflow.Alerting;
using Workflow.Durable;
using Workflow.Durable.Sla;
using Workflow.Functions.Storage;
using Workflow.Model;
using Workflow.Services;

namespace Workflow.Functions.Alerts;

/// <summary>
/// The alert sinks of the publish activities: stores the alert and queues one webhook message per receiver (the
/// app's global webhooks and the pipeline's SLA channels). Alert ids are deterministic, so an activity that runs
/// again, or a failure that both the run and its SLA monitor report, raises one alert and sends it once.
/// </summary>
public sealed class AlertPublisher(TableAlertStore store, WebhookQueue queue, BlobPipelineCatalog catalog,
    IOptions<AlertsOptions> options, TimeProvider time)
{
    /// <summary>Raises the alert a run notification turns into, when the pipeline wants one for it.</summary>
    public async Task<RaiseOutcome?> NotifyAsync(NotificationInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var pipeline = await catalog.GetAsync(input.PipelineId, null, cancellationToken);
        var sla = pipeline?.Definition.Sla;
        var n = input.Notification;
        var alert = NotificationAlerts.For(sla?.Notify ?? new(), input.RunId, input.PipelineId, input.OwnerGroup,
            n.Kind, n.Message, n.At, n.TaskKey, n.Attempt);
        return alert is null ? null : await RaiseAsync(alert, ReceiversOf(pipeline), cancellationToken);
    }

    /// <summary>Raises or clears an alert from the SLA monitor.</summary>
    public async Task<bool> PublishAsync(AlertInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.Raised is { } alert)
        {
            var pipeline = await catalog.GetAsync(alert.PipelineId, null, cancellationToken);
            return await RaiseAsync(alert, ReceiversOf(pipeline), cancellationToken) != RaiseOutcome.AlreadyOpen;
        }

        if (input.ClearedId is not { } id)
        {
            return false;
        }

        var row = await store.FindAsync(id, cancellationToken);
        var receivers = ReceiversOf(row is null ? null : await catalog.GetAsync(row.PipelineId, null, cancellationToken));
        var (cleared, messages) = await store.ClearAsync(id, input.ClearedAt ?? time.GetUtcNow(), input.Reason ?? "",
            _ => receivers, cancellationToken);
        await queue.SendAsync(messages, cancellationToken);
        return cleared;
    }

    /// <summary>Clears an alert of a deleted pipeline, telling the receivers the deleted definition named.</summary>
    public async Task<bool> ClearAsync(string alertId, PipelineDefinition deleted, string reason,
        CancellationToken cancellationToken)
    {
        var receivers = AlertReceivers.Of(options.Value.Webhooks, deleted.Sla?.Channels);
        var (cleared, messages) = await store.ClearAsync(alertId, time.GetUtcNow(), reason, _ => receivers,
            cancellationToken);
        await queue.SendAsync(messages, cancellationToken);
        return cleared;
    }

    private async Task<RaiseOutcome> RaiseAsync(Sla.Alert alert, IReadOnlyList<string> receivers,
        CancellationToken cancellationToken)
    {
        var (outcome, messages) = await store.RaiseAsync(alert, receivers, cancellationToken);
        await queue.SendAsync(messages, cancellationToken);
        return outcome;
    }

    private IReadOnlyList<string> ReceiversOf(PipelineRecord? pipeline) =>
        AlertReceivers.Of(options.Value.Webhooks, pipeline?.Definition.Sla?.Channels);
}
