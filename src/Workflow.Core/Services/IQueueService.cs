using System.Text.Json;
using Workflow.Queues;

namespace Workflow.Services;

/// <summary>
/// The queues as the HTTP API sees them, engine-neutral like <see cref="IWorkflowService"/>: the embedded engine
/// keeps them in SQLite, the Azure app in Storage queues. Group checks are the caller's job (the API's), through
/// <see cref="QueueAddress.OwnerGroup"/>.
/// </summary>
public interface IQueueService
{
    /// <summary>Adds the messages in order, creating the queue when it does not exist yet.</summary>
    ValueTask EnqueueAsync(QueueAddress queue, IReadOnlyList<JsonElement> messages, CancellationToken cancellationToken);

    ValueTask<QueueStatus> GetStatusAsync(QueueAddress queue, CancellationToken cancellationToken);
}
