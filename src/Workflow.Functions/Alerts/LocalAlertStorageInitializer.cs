using Microsoft.Extensions.Hosting;

namespace Workflow.Functions.Alerts;

/// <summary>
/// Creates the alerts table and the webhook queue on start when the app runs against a connection string (Azurite);
/// in Azure, <c>infra/app/storage.bicep</c> creates them.
/// </summary>
public sealed class LocalAlertStorageInitializer(AlertStorage storage) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (storage.IsLocal)
        {
            await storage.CreateIfNotExistsAsync(cancellationToken);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
