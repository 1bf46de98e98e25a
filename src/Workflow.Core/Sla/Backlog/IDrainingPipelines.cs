using Workflow.Model;

namespace Workflow.Sla.Backlog;

/// <summary>
/// What a host's backlog poll samples: the pipelines that drain queues (<see cref="WatchedQueues.Drains"/>), read
/// from an index the host keeps as pipelines are saved and deleted, so a poll does not list every pipeline.
/// </summary>
public interface IDrainingPipelines
{
    /// <summary>The current definitions of the enabled pipelines, stored or generated, that drain a queue.</summary>
    ValueTask<IReadOnlyList<PipelineDefinition>> ListDrainingAsync(CancellationToken cancellationToken);
}
