using Azure;
using Workflow.Functions.Storage;
using Workflow.Sla.Backlog;

namespace Workflow.Functions.Queues;

/// <summary>
/// The backlog monitor's state per (pipeline, queue), one small blob each (<see cref="BlobNames.Backlog"/>): the
/// Azure app has no process that lives between checks, and any instance may run the next one. Writes are
/// compare-and-set on the blob's ETag, so of two instances checking at once only one moves the state on.
/// </summary>
public sealed class BlobBacklogStates(BlobContainers containers)
{
    public async ValueTask<(BacklogState State, ETag? ETag)> ReadAsync(string pipelineId, string queue,
        CancellationToken cancellationToken)
    {
        var (state, etag) = await ConditionalBlob.ReadJsonAsync<BacklogState>(
            containers.Definitions.GetBlobClient(BlobNames.Backlog(pipelineId, queue)), cancellationToken);
        return (state ?? BacklogState.Initial, etag);
    }

    public ValueTask<bool> TryWriteAsync(string pipelineId, string queue, BacklogState state, ETag? expected,
        CancellationToken cancellationToken) =>
        ConditionalBlob.TryWriteAsync(containers.Definitions.GetBlobClient(BlobNames.Backlog(pipelineId, queue)),
            BinaryData.FromObjectAsJson(state), expected, cancellationToken);
}
