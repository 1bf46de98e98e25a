using Workflow.Alerting;
using Workflow.Model;
using Workflow.Services;

namespace Workflow.Engine.Alerts;

/// <summary><see cref="IAlertService"/> over the engine's alert store.</summary>
public sealed class EngineAlertService(AlertStore store, AlertDispatcher dispatcher, TimeProvider time) : IAlertService
{
    public async ValueTask<IReadOnlyList<AlertRecord>> ListAlertsAsync(AlertQuery query,
        CancellationToken cancellationToken) => await store.ListAsync(query, cancellationToken);

    public async ValueTask<AlertRecord?> GetAlertAsync(string alertId, CancellationToken cancellationToken) =>
        await store.GetAsync(alertId, cancellationToken);

    public async ValueTask<bool> AcknowledgeAlertAsync(string alertId, string actor,
        CancellationToken cancellationToken) =>
        await store.AckAsync(alertId, actor, time.GetUtcNow()).WaitAsync(cancellationToken);

    public async ValueTask<int> ClearPipelineAlertsAsync(PipelineDefinition deleted, string reason,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(deleted);
        return await PipelineAlerts.ClearAllAsync(this, deleted.Id,
            id => dispatcher.ClearAsync(id, time.GetUtcNow(), reason, null, deleted.Sla?.Channels), cancellationToken);
    }
}
