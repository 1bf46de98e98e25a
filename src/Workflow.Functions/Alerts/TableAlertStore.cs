using Workflow.Services;
using Workflow.Sla;

namespace Workflow.Functions.Alerts;

/// <summary>
/// Alerts in Azure Table storage, one entity per alert id with its deliveries. Every change reads the entity and
/// writes it back under its ETag, retrying on a conflict, so concurrent activities and queue handlers never
/// overwrite each other. Raising is idempotent per alert id, as in the embedded host's store. The alerts are
/// written by <see cref="TableAlertWrites"/> and read by <see cref="TableAlertQueries"/>; webhook handlers claim
/// and record their deliveries through <see cref="TableAlertDeliveries"/>.
/// </summary>
public sealed class TableAlertStore
{
    /// <summary>How many times a change is redone on what another writer wrote before the conflict is thrown.</summary>
    internal const int MaxConflicts = 20;

    private readonly TableAlertWrites _writes;
    private readonly TableAlertQueries _queries;
    private readonly TableAlertDeliveries _deliveries;

    public TableAlertStore(AlertStorage storage)
    {
        ArgumentNullException.ThrowIfNull(storage);
        _queries = new TableAlertQueries(storage.Table);
        _writes = new TableAlertWrites(storage.Table, _queries);
        _deliveries = new TableAlertDeliveries(storage.Table);
    }

    /// <summary>Raises an alert; returns what raising did and the webhook messages to send for it.</summary>
    public Task<(RaiseOutcome Outcome, IReadOnlyList<WebhookMessage> Messages)> RaiseAsync(Alert alert,
        IReadOnlyList<string> receivers, CancellationToken cancellationToken) =>
        _writes.RaiseAsync(alert, receivers, cancellationToken);

    /// <summary>
    /// Clears an open alert; returns whether it was open, and the webhook messages to send. Clearing one that is
    /// already cleared returns the clear's messages that were never sent (a retried activity after a crash).
    /// <paramref name="supersededBy"/> is the worse alert that replaced it; null when it resolved.
    /// </summary>
    public Task<(bool Cleared, IReadOnlyList<WebhookMessage> Messages)> ClearAsync(string alertId,
        DateTimeOffset at, string reason, AlertKind? supersededBy,
        Func<string, IReadOnlyList<string>> receiversOfPipeline, CancellationToken cancellationToken) =>
        _writes.ClearAsync(alertId, at, reason, supersededBy, receiversOfPipeline, cancellationToken);

    /// <summary>Acknowledges an alert (the first acknowledgement wins); false when there is no such alert.</summary>
    public Task<bool> AckAsync(string alertId, string actor, DateTimeOffset at, CancellationToken cancellationToken) =>
        _writes.AckAsync(alertId, actor, at, cancellationToken);

    public Task<IReadOnlyList<AlertRecord>> ListAsync(AlertQuery query, CancellationToken cancellationToken) =>
        _queries.ListAsync(query, cancellationToken);

    public async Task<AlertRecord?> GetAsync(string alertId, CancellationToken cancellationToken) =>
        (await _queries.FindAsync(alertId, cancellationToken))?.ToRecord();

    /// <summary>The alert's entity, with its ETag, wherever its group's partition is.</summary>
    public Task<AlertRow?> FindAsync(string alertId, CancellationToken cancellationToken) =>
        _queries.FindAsync(alertId, cancellationToken);

    /// <summary>
    /// Claims the delivery a message is for until <paramref name="until"/>, unless it was delivered or given up,
    /// the message is stale, or another handler holds it. The claim is written under the entity's ETag, so of two
    /// handlers of duplicate messages only one posts.
    /// </summary>
    public Task<Claim> ClaimAsync(WebhookMessage message, DateTimeOffset now, DateTimeOffset until,
        CancellationToken cancellationToken) => _deliveries.ClaimAsync(message, now, until, cancellationToken);

    /// <summary>Records the outcome of a post on the delivery, and ends the claim.</summary>
    public Task RecordAsync(WebhookMessage message, Func<ReceiverDelivery, ReceiverDelivery> outcome,
        CancellationToken cancellationToken) => _deliveries.RecordAsync(message, outcome, cancellationToken);
}
