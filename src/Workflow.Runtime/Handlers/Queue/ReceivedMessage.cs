using System.Text.Json;
using Workflow.Queues;

namespace Workflow.Runtime.Handlers.Queue;

/// <summary>
/// One leased message. <see cref="Receipt"/> proves the lease (Azure's pop receipt; the embedded queue's delivery
/// number); <see cref="DequeueCount"/> counts deliveries, this one included.
/// </summary>
public sealed record ReceivedMessage(QueueAddress Queue, string Id, string Receipt, JsonElement Body, long DequeueCount,
    DateTimeOffset EnqueuedAt);
