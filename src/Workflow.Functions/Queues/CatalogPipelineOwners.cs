using Workflow.Functions.Storage;
using Workflow.Runtime.Handlers.Queue;

namespace Workflow.Functions.Queues;

/// <summary>The Azure app's answer to which group owns a pipeline: its current version in the blob catalogue.</summary>
public sealed class CatalogPipelineOwners(BlobPipelineCatalog catalog) : IPipelineOwners
{
    public async ValueTask<string?> OwnerGroupAsync(string pipelineId, CancellationToken cancellationToken) =>
        (await catalog.GetAsync(pipelineId, null, cancellationToken))?.Definition.OwnerGroup;
}
