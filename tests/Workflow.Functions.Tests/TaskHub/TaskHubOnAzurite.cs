using DurableTask.AzureStorage;
using DurableTask.Core;

namespace Workflow.Functions.Tests.TaskHub;

/// <summary>
/// A task hub of the Durable Azure Storage backend (the one the Functions app runs on) on Azurite, with one worker
/// that runs <see cref="EchoOrchestration"/>, and a client. The hub's name is unique, so hubs do not share queues,
/// tables or leases.
/// </summary>
internal sealed class TaskHubOnAzurite : IAsyncDisposable
{
    private readonly AzureStorageOrchestrationService _service;
    private readonly TaskHubWorker _worker;

    private TaskHubOnAzurite(AzureStorageOrchestrationService service, TaskHubWorker worker)
    {
        _service = service;
        _worker = worker;
        Client = new TaskHubClient(service);
    }

    public TaskHubClient Client { get; }

    /// <summary>The backend itself, for the queries the Durable client sends it (by instance id prefix).</summary>
    public AzureStorageOrchestrationService Service => _service;

    public static async Task<TaskHubOnAzurite> StartAsync(string connectionString)
    {
        var service = new AzureStorageOrchestrationService(new AzureStorageOrchestrationServiceSettings
        {
            TaskHubName = "hub" + Guid.NewGuid().ToString("N")[..16],
            StorageAccountClientProvider = new StorageAccountClientProvider(connectionString),
            // One partition and short polls: the hub serves one test, and waits are for work, not for idle queues.
            PartitionCount = 1,
            MaxQueuePollingInterval = TimeSpan.FromMilliseconds(200),
            UseTablePartitionManagement = true,
        });
        await service.CreateIfNotExistsAsync();
        var worker = new TaskHubWorker(service);
        worker.AddTaskOrchestrations(typeof(EchoOrchestration));
        await worker.StartAsync();
        return new TaskHubOnAzurite(service, worker);
    }

    public async ValueTask DisposeAsync()
    {
        await _worker.StopAsync(isForced: true);
        await _service.DeleteAsync();
    }
}

/// <summary>Returns its own instance id and input, so a test sees which instance ran.</summary>
internal sealed class EchoOrchestration : TaskOrchestration<string, string>
{
    public override Task<string> RunTask(OrchestrationContext context, string input) =>
        Task.FromResult($"{context.OrchestrationInstance.InstanceId} ran {input}");
}
