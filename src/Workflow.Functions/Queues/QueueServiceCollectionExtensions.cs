using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Workflow.Functions.Activities;
using Workflow.Functions.Storage;
using Workflow.Runtime.Handlers;
using Workflow.Runtime.Handlers.Queue;
using Workflow.Services;

namespace Workflow.Functions.Queues;

/// <summary>Runs <c>queue-drain</c> tasks in the Azure app, on Storage queues: <c>services.AddStorageQueueDrain(configuration)</c>.</summary>
public static class QueueServiceCollectionExtensions
{
    public static IServiceCollection AddStorageQueueDrain(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<StorageOptions>().Bind(configuration.GetSection(StorageOptions.Section));
        services.AddSingleton<StorageWorkQueue>();
        services.AddSingleton<IWorkQueue>(sp => sp.GetRequiredService<StorageWorkQueue>());
        services.AddSingleton<IQueueService>(sp => sp.GetRequiredService<StorageWorkQueue>());
        services.AddSingleton<IPipelineOwners, CatalogPipelineOwners>();
        services.AddQueueDrainTaskHandler();

        // The backlog check (QueueBacklogCheck on a timer) and what it uses; the publish activity class is the one
        // way alerts leave the app, so the check calls it too.
        services.AddSingleton<BlobBacklogStates>();
        services.AddSingleton<PublishActivities>();
        services.AddSingleton<StorageQueueBacklogCheck>();
        return services;
    }
}
