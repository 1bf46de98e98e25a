using Azure;
using Azure.Data.Tables;
using Workflow.Alerting;
using Workflow.Services;
using Workflow.Sla;

namespace Workflow.Functions.Alerts;

/// <summary>
/// The write side of <see cref="TableAlertStore"/> for the alerts themselves: raise, clear and acknowledge, each
/// read and written back under the entity's ETag; raising and clearing add the webhook deliveries they owe and
/// return the messages to send for them.
/// </summary>
internal sealed class TableAlertWrites(TableClient table, TableAlertQueries queries)
{
    /// <inheritdoc cref="TableAlertStore.RaiseAsync"/>
    public async Task<(RaiseOutcome Outcome, IReadOnlyList<WebhookMessage> Messages)> RaiseAsync(Alert alert,
        IReadOnlyList<string> receivers, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(alert);
        for (var conflicts = 0; ; conflicts++)
        {
            try
            {
                var existing = await table.GetEntityIfExistsAsync<AlertRow>(AlertRow.Key(alert.OwnerGroup),
                    AlertRow.Key(alert.Id), cancellationToken: cancellationToken);
                if (!existing.HasValue)
                {
                    var row = AlertRow.New(alert);
                    row.RaiseCount = 1;
                    var raised = WebhookPayload.EventId(WebhookPayload.Raised, 1);
                    var added = row.AddDeliveries(raised, receivers);
                    await table.AddEntityAsync(row, cancellationToken);
                    return (RaiseOutcome.New, Messages(row, added));
                }

                var current = existing.Value!;
                var outcome = current.Cleared ? RaiseOutcome.Reopened : RaiseOutcome.AlreadyOpen;
                if (current.Cleared)
                {
                    current.RaiseCount++;
                    (current.Cleared, current.ClearedAt, current.ClearReason, current.SupersededBy) =
                        (false, null, null, null);
                    (current.Acked, current.AckedAt, current.AckedBy) = (false, null, null);
                    current.With(alert);
                }
                else
                {
                    // A repeat keeps when it was first raised, and takes the newest text.
                    current.With(alert with { RaisedAt = current.RaisedAt });
                }

                var @event = WebhookPayload.EventId(WebhookPayload.Raised, current.RaiseCount);
                current.AddDeliveries(@event, receivers);
                await table.UpdateEntityAsync(current, current.ETag, TableUpdateMode.Replace, cancellationToken);
                return (outcome, Messages(current, Unsent(current, @event)));
            }
            catch (RequestFailedException ex) when (ex.Status is 409 or 412 && conflicts < TableAlertStore.MaxConflicts)
            {
                // Another writer got there first: read again and redo the change on what it wrote.
            }
        }
    }

    /// <inheritdoc cref="TableAlertStore.ClearAsync"/>
    public async Task<(bool Cleared, IReadOnlyList<WebhookMessage> Messages)> ClearAsync(string alertId,
        DateTimeOffset at, string reason, AlertKind? supersededBy,
        Func<string, IReadOnlyList<string>> receiversOfPipeline, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(receiversOfPipeline);
        for (var conflicts = 0; ; conflicts++)
        {
            var row = await queries.FindAsync(alertId, cancellationToken);
            if (row is null)
            {
                return (false, []);
            }

            var @event = WebhookPayload.EventId(WebhookPayload.Cleared, row.RaiseCount);
            if (row.Cleared)
            {
                return (false, Messages(row, Unsent(row, @event)));
            }

            (row.Cleared, row.ClearedAt, row.ClearReason) = (true, at, reason);
            row.SupersededBy = supersededBy is { } kind ? AlertIds.Name(kind) : null;
            row.AddDeliveries(@event, receiversOfPipeline(row.PipelineId));
            try
            {
                await table.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Replace, cancellationToken);
                return (true, Messages(row, Unsent(row, @event)));
            }
            catch (RequestFailedException ex) when (ex.Status == 412 && conflicts < TableAlertStore.MaxConflicts)
            {
            }
        }
    }

    /// <inheritdoc cref="TableAlertStore.AckAsync"/>
    public async Task<bool> AckAsync(string alertId, string actor, DateTimeOffset at,
        CancellationToken cancellationToken)
    {
        for (var conflicts = 0; ; conflicts++)
        {
            var row = await queries.FindAsync(alertId, cancellationToken);
            if (row is null || row.Acked)
            {
                return row is not null;
            }

            (row.Acked, row.AckedAt, row.AckedBy) = (true, at, actor);
            try
            {
                await table.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Replace, cancellationToken);
                return true;
            }
            catch (RequestFailedException ex) when (ex.Status == 412 && conflicts < TableAlertStore.MaxConflicts)
            {
            }
        }
    }

    /// <summary>Deliveries of a raise or clear that no handler has tried yet.</summary>
    private static List<ReceiverDelivery> Unsent(AlertRow row, string @event) =>
        row.ReadDeliveries().Where(d => d.Event == @event && d is { State: ReceiverState.Pending, Attempts: 0 })
            .ToList();

    private static List<WebhookMessage> Messages(AlertRow row, IEnumerable<ReceiverDelivery> deliveries)
    {
        var alert = row.Alert();
        return deliveries.Select(d => new WebhookMessage(row.PartitionKey, row.AlertId, d.Event, d.Url,
            d.Event.StartsWith(WebhookPayload.Cleared + "#", StringComparison.Ordinal)
                ? WebhookPayload.Build(alert, WebhookPayload.Cleared, row.ClearReason,
                    AlertIds.KindNamed(row.SupersededBy))
                : WebhookPayload.Build(alert, WebhookPayload.Raised))).ToList();
    }
}
