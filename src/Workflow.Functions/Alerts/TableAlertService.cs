using Workflow.Alerting;
using Workflow.Model;
using Workflow.Services;

namespace Workflow.Functions.Alerts;

/// <summary><see cref="IAlertService"/> over the alerts table: what <c>/api/alerts</c> answers in the Azure app.</summary>
public sealed class TableAlertService(TableAlertStore store, AlertPublisher publisher, TimeProvider time)
    : IAlertService
{
    public async ValueTask<IReadOnlyList<AlertRecord>> ListAlertsAsync(AlertQuery query,
        CancellationToken cancellationToken) => await store.ListAsync(query, cancellationToken);

    public async ValueTask<AlertRecord?> GetAlertAsync(string alertId, CancellationToken cancellationToken) =>
        await store.GetAsync(alertId, cancellationToken);

    public async ValueTask<bool> AcknowledgeAlertAsync(string alertId, string actor,
        CancellationToken cancellationToken) =>
        await store.AckAsync(alertId, actor, time.GetUtcNow(), cancellationToken);

    public async ValueTask<int> ClearPipelineAlertsAsync(PipelineDefinition deleted, string reason,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(deleted);
        return await PipelineAlerts.ClearAllAsync(this, deleted.Id, id => publisher.ClearAsync(id, deleted, reason, cancellationToken), cancellationToken);
    }
}
