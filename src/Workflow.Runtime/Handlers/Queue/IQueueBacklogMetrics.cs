using Workflow.Queues;

namespace Workflow.Runtime.Handlers.Queue;

/// <summary>
/// Where a <c>queue-drain</c> task records its queue's depth and oldest age after each drain, when the host keeps
/// metrics of its queues (the Azure app's <c>OrchestrationMetrics</c>); the embedded host registers none.
/// </summary>
public interface IQueueBacklogMetrics
{
    void RecordQueueBacklog(QueueStatus status);
}
