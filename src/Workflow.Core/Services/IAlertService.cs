using Workflow.Model;

namespace Workflow.Services;

/// <summary>
/// The alerts as the HTTP API sees them, engine-neutral like <see cref="IWorkflowService"/>: the embedded engine
/// answers from its SQLite alert table. Group scoping is the caller's job, through <see cref="AlertQuery.OwnerGroups"/>.
/// </summary>
public interface IAlertService
{
    ValueTask<IReadOnlyList<AlertRecord>> ListAlertsAsync(AlertQuery query, CancellationToken cancellationToken);

    ValueTask<AlertRecord?> GetAlertAsync(string alertId, CancellationToken cancellationToken);

    /// <summary>Marks an alert acknowledged (the first acknowledgement wins); false when there is no such alert.</summary>
    ValueTask<bool> AcknowledgeAlertAsync(string alertId, string actor, CancellationToken cancellationToken);

    /// <summary>
    /// Clears every alert of a pipeline that was deleted, telling its receivers (the app's webhooks and the deleted
    /// definition's channels); answers how many were cleared. Nothing can clear them later: no run will come.
    /// </summary>
    ValueTask<int> ClearPipelineAlertsAsync(PipelineDefinition deleted, string reason, CancellationToken cancellationToken);
}
