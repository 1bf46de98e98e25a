using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Workflow.Functions.Storage;

/// <summary>
/// Creates the containers on start when the app runs against a connection string (Azurite); in Azure they are
/// created by <c>infra/app/storage.bicep</c> and the identity needs no right to create containers.
/// </summary>
public sealed class LocalContainersInitializer(BlobContainers containers, IOptions<StorageOptions> options) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.Value.BlobServiceUri is null)
        {
            await containers.Definitions.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
            await containers.Logs.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
