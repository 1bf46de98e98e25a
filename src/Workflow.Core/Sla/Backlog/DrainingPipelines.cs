using Workflow.Model;
using Workflow.Services;

namespace Workflow.Sla.Backlog;

/// <summary>
/// The one rule both hosts' <see cref="IDrainingPipelines"/> apply to what their index gives: an index may hold more
/// than the pipelines that drain (a row a host has not pruned yet), never fewer, so each indexed pipeline is checked
/// again here; and a generated pipeline counts only when no stored pipeline has its id, as in every listing
/// (<see cref="Building.PipelineSourceSet.Merge"/>).
/// </summary>
public static class DrainingPipelines
{
    /// <param name="indexed">The current stored versions the host's index names.</param>
    /// <param name="generated">The pipelines the host's pipeline sources list now.</param>
    /// <param name="isStored">Whether a stored pipeline (draining or not) has this id.</param>
    /// <param name="cancellationToken">Cancels the stored checks.</param>
    public static async ValueTask<IReadOnlyList<PipelineDefinition>> SelectAsync(IEnumerable<PipelineRecord> indexed,
        IEnumerable<PipelineRecord> generated, Func<string, CancellationToken, ValueTask<bool>> isStored,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(isStored);
        var draining = indexed.Select(p => p.Definition).Where(WatchedQueues.Drains).ToList();
        var ids = draining.Select(d => d.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var definition in generated.Select(p => p.Definition).Where(WatchedQueues.Drains))
        {
            if (!ids.Contains(definition.Id) && !await isStored(definition.Id, cancellationToken))
            {
                draining.Add(definition);
            }
        }

        return draining;
    }
}
