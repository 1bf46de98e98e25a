using Workflow.Engine.Runtime;
using Workflow.Engine.Storage;
using Workflow.Services;
using Workflow.Sla;

namespace Workflow.Engine.Alerts;

/// <summary>
/// Alerts and their webhook deliveries in the engine's SQLite file. Writes go through the engine's single writer,
/// reads use their own connections. Raising is idempotent per alert id. The alerts are written by
/// <see cref="AlertWrites"/> and read by <see cref="AlertQueries"/>; their deliveries are
/// <see cref="AlertDeliveryRows"/>.
/// </summary>
public sealed class AlertStore(SqliteStore store, WriteLoop writer)
{
    private readonly AlertWrites _writes = new(writer);
    private readonly AlertQueries _queries = new(store);
    private readonly AlertDeliveryRows _deliveries = new(store, writer);

    public Task<RaiseOutcome> RaiseAsync(Alert alert, IReadOnlyCollection<string> webhooks, DateTimeOffset now) =>
        _writes.RaiseAsync(alert, webhooks, now);

    /// <summary>
    /// Clears an open alert, resolved or <paramref name="supersededBy"/> a worse one; returns it, or null when it was
    /// not open.
    /// </summary>
    public Task<Alert?> ClearAsync(string alertId, DateTimeOffset at, string reason, AlertKind? supersededBy,
        IReadOnlyCollection<string> webhooks) =>
        _writes.ClearAsync(alertId, at, reason, supersededBy, webhooks);

    /// <summary>Acknowledges an alert; false when there is no such alert.</summary>
    public Task<bool> AckAsync(string alertId, string actor, DateTimeOffset at) => _writes.AckAsync(alertId, actor, at);

    public Task MarkDeliveredAsync(PendingDelivery delivery, DateTimeOffset at) =>
        _deliveries.MarkDeliveredAsync(delivery, at);

    public Task MarkFailedAsync(PendingDelivery delivery, string error, DateTimeOffset nextAttempt) =>
        _deliveries.MarkFailedAsync(delivery, error, nextAttempt);

    public Task<IReadOnlyList<AlertRecord>> ListAsync(AlertQuery query, CancellationToken cancellationToken) =>
        _queries.ListAsync(query, cancellationToken);

    public Task<AlertRecord?> GetAsync(string alertId, CancellationToken cancellationToken) =>
        _queries.GetAsync(alertId, cancellationToken);

    /// <inheritdoc cref="AlertDeliveryRows.DueAsync"/>
    public Task<IReadOnlyList<PendingDelivery>> DueAsync(DateTimeOffset now, int max,
        IReadOnlyCollection<string> busy, CancellationToken cancellationToken) =>
        _deliveries.DueAsync(now, max, busy, cancellationToken);
}
