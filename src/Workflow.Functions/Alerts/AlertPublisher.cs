using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;
using Workflow.Alerting;
using Workflow.Durable;
using Workflow.Durable.Sla;
using Workflow.Functions.Services;
using Workflow.Functions.Storage;
using Workflow.Model;
using Workflow.Services;

namespace Workflow.Functions.Alerts;

/// <summary>
/// The alert sinks of the publish activities: stores the alert and queues one webhook message per receiver (the
/// app's global webhooks and the pipeline's SLA channels). Alert ids are deterministic, so an activity that runs
/// again, or a failure that both the run and its SLA monitor report, raises one alert and sends it once. A run's
/// alert follows the SLA settings of the version the run pinned, as the embedded host's monitor keeps its run's
/// channels, not of the pipeline's current version.
/// </summary>
public sealed class AlertPublisher(TableAlertStore store, WebhookQueue queue, BlobPipelineCatalog catalog,
    IOptions<AlertsOptions> options, TimeProvider time)
{
    /// <summary>Raises the alert a run notification turns into, when the run's version wants one for it.</summary>
    /// <param name="input">The notification.</param>
    /// <param name="runs">Reads the run's instance, for the version it pinned.</param>
    /// <param name="cancellationToken">Cancels the publication.</param>
    public async Task<RaiseOutcome?> NotifyAsync(NotificationInput input, DurableTaskClient? runs,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var definition = await DefinitionOfAsync(input.RunId, input.PipelineId, runs, cancellationToken);
        var n = input.Notification;
        var alert = NotificationAlerts.For(definition?.Sla?.Notify ?? new(), input.RunId, input.PipelineId,
            input.OwnerGroup, n.Kind, n.Message, n.At, n.TaskKey, n.Attempt);
        return alert is null ? null : await RaiseAsync(alert, ReceiversOf(definition), cancellationToken);
    }

    /// <summary>Raises or clears an alert from the SLA monitor or the backlog check.</summary>
    /// <param name="input">The alert raised, or the one cleared.</param>
    /// <param name="runs">Reads the alert's run's instance, for the version it pinned; null where no alert has a
    /// run (the backlog check).</param>
    /// <param name="cancellationToken">Cancels the publication.</param>
    public async Task<bool> PublishAsync(AlertInput input, DurableTaskClient? runs, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.Raised is { } alert)
        {
            var definition = await DefinitionOfAsync(alert.RunId, alert.PipelineId, runs, cancellationToken);
            return await RaiseAsync(alert, ReceiversOf(definition), cancellationToken) != RaiseOutcome.AlreadyOpen;
        }

        if (input.ClearedId is not { } id)
        {
            return false;
        }

        var raised = (await store.FindAsync(id, cancellationToken))?.ToRecord().Alert;
        var receivers = ReceiversOf(raised is null ? null
            : await DefinitionOfAsync(raised.RunId, raised.PipelineId, runs, cancellationToken));
        var (cleared, messages) = await store.ClearAsync(id, input.ClearedAt ?? time.GetUtcNow(), input.Reason ?? "",
            input.SupersededBy, _ => receivers, cancellationToken);
        await queue.SendAsync(messages, cancellationToken);
        return cleared;
    }

    /// <summary>Clears an alert of a deleted pipeline, telling the receivers the deleted definition named.</summary>
    public async Task<bool> ClearAsync(string alertId, PipelineDefinition deleted, string reason,
        CancellationToken cancellationToken)
    {
        var receivers = AlertReceivers.Of(options.Value.Webhooks, deleted.Sla?.Channels);
        var (cleared, messages) = await store.ClearAsync(alertId, time.GetUtcNow(), reason, null, _ => receivers,
            cancellationToken);
        await queue.SendAsync(messages, cancellationToken);
        return cleared;
    }

    /// <summary>
    /// The definition whose SLA settings an alert follows: the one its run pinned, read as the run's detail reads it
    /// (<see cref="PinnedDefinitions"/>); else, for an alert of no run or of a run whose version is not known any more,
    /// the pipeline's current one, whose receivers are better told than nobody.
    /// </summary>
    private async ValueTask<PipelineDefinition?> DefinitionOfAsync(string? runId, string pipelineId,
        DurableTaskClient? runs, CancellationToken cancellationToken)
    {
        if (runId is not null && runs is not null
            && await DurableRunReader.ReadAsync(runs, catalog, InstanceIds.For(runId), cancellationToken) is
            { Pinned.Definition: { } pinned })
        {
            return pinned;
        }

        return (await catalog.GetAsync(pipelineId, null, cancellationToken))?.Definition;
    }

    private async Task<RaiseOutcome> RaiseAsync(Sla.Alert alert, IReadOnlyList<string> receivers,
        CancellationToken cancellationToken)
    {
        var (outcome, messages) = await store.RaiseAsync(alert, receivers, cancellationToken);
        await queue.SendAsync(messages, cancellationToken);
        return outcome;
    }

    private IReadOnlyList<string> ReceiversOf(PipelineDefinition? definition) =>
        AlertReceivers.Of(options.Value.Webhooks, definition?.Sla?.Channels);
}
