using Azure;
using Azure.Data.Tables;
using Workflow.Alerting;

namespace Workflow.Functions.Alerts;

/// <summary>
/// The delivery side of <see cref="TableAlertStore"/>: claiming a delivery before posting it, and recording how the
/// post went, each a change of one delivery in the alert's entity under its ETag.
/// </summary>
internal sealed class TableAlertDeliveries(TableClient table)
{
    /// <inheritdoc cref="TableAlertStore.ClaimAsync"/>
    public async Task<Claim> ClaimAsync(WebhookMessage message, DateTimeOffset now, DateTimeOffset until,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        Claim? verdict = null;
        await ChangeAsync(message, (delivery, all) =>
        {
            verdict = delivery switch
            {
                null => new Claim(ClaimVerdict.Gone, null),
                { State: not ReceiverState.Pending } => new Claim(ClaimVerdict.Done, delivery),
                _ when message.Attempts < delivery.Attempts => new Claim(ClaimVerdict.Stale, delivery),
                { ClaimedUntil: { } held } when held > now => new Claim(ClaimVerdict.Busy, delivery, held - now),
                _ when all.Any(d => d.Url == delivery.Url && d.State == ReceiverState.Pending &&
                                    WebhookPayload.Precedes(d.Event, delivery.Event))
                    => new Claim(ClaimVerdict.Behind, delivery),
                _ => new Claim(ClaimVerdict.Claimed, delivery),
            };
            return verdict.Verdict == ClaimVerdict.Claimed ? delivery! with { ClaimedUntil = until } : null;
        }, cancellationToken);
        return verdict ?? new Claim(ClaimVerdict.Gone, null);
    }

    /// <inheritdoc cref="TableAlertStore.RecordAsync"/>
    public Task RecordAsync(WebhookMessage message, Func<ReceiverDelivery, ReceiverDelivery> outcome,
        CancellationToken cancellationToken) =>
        ChangeAsync(message, (d, _) => d is null ? null : outcome(d) with { ClaimedUntil = null }, cancellationToken);

    /// <summary>Reads the entity, changes one delivery (null: no change), and writes it under the ETag it read.</summary>
    private async Task ChangeAsync(WebhookMessage message,
        Func<ReceiverDelivery?, IReadOnlyList<ReceiverDelivery>, ReceiverDelivery?> change,
        CancellationToken cancellationToken)
    {
        for (var conflicts = 0; ; conflicts++)
        {
            var existing = await table.GetEntityIfExistsAsync<AlertRow>(message.Partition,
                AlertRow.Key(message.AlertId), cancellationToken: cancellationToken);
            var row = existing.HasValue ? existing.Value : null;
            var deliveries = row?.ReadDeliveries() ?? [];
            var index = deliveries.FindIndex(d => d.Is(message.Event, message.Url));
            if (change(index < 0 ? null : deliveries[index], deliveries) is not { } changed)
            {
                return;
            }

            deliveries[index] = changed;
            row!.WriteDeliveries(deliveries);
            try
            {
                await table.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Replace, cancellationToken);
                return;
            }
            catch (RequestFailedException ex) when (ex.Status == 412 && conflicts < TableAlertStore.MaxConflicts)
            {
            }
        }
    }
}
