using Workflow.Queues;
using Workflow.Services;

namespace Workflow.Runtime.Handlers.Queue;

/// <summary>
/// The queue a <c>queue-drain</c> task drains, as both hosts provide it: the embedded engine's SQLite
/// <c>LocalQueue</c> and the Azure app's Storage queues. A received message is leased (invisible to other
/// drains) until it is completed, abandoned, dead-lettered, or its visibility timeout passes; every receive counts as
/// a delivery in <see cref="ReceivedMessage.DequeueCount"/>. <see cref="QueueDrainTaskHandler"/> holds the rule that
/// uses these steps.
/// </summary>
public interface IWorkQueue : IQueueService
{
    /// <summary>Leases up to <paramref name="max"/> visible messages, oldest first, for <paramref name="visibility"/>.</summary>
    ValueTask<IReadOnlyList<ReceivedMessage>> ReceiveAsync(QueueAddress queue, int max, TimeSpan visibility,
        CancellationToken cancellationToken);

    /// <summary>Removes a processed message. A message whose lease was lost meanwhile is left alone.</summary>
    ValueTask CompleteAsync(ReceivedMessage message, CancellationToken cancellationToken);

    /// <summary>Makes a message visible again for a later delivery; its dequeue count stays.</summary>
    ValueTask AbandonAsync(ReceivedMessage message, CancellationToken cancellationToken);

    /// <summary>Moves a message to its queue's <see cref="QueueAddress.DeadLetter"/> queue with the error.</summary>
    ValueTask DeadLetterAsync(ReceivedMessage message, string error, CancellationToken cancellationToken);
}
