using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Workflow.Api.Audit;
using Workflow.Durable;
using Workflow.Durable.Sla;
using Workflow.Execution;
using Workflow.Functions.Alerts;
using Workflow.Functions.Backfills;
using Workflow.Functions.Queues;
using Workflow.Functions.Retention;
using Workflow.Functions.Secrets;
using Workflow.Functions.Services;
using Workflow.Functions.Storage;
using Workflow.Runtime.Handlers;
using Workflow.Runtime.Handlers.Queue;
using Workflow.Runtime.Logs;
using Workflow.Runtime.Scheduling;
using Workflow.Services;

namespace Workflow.Functions.Hosting;

/// <summary>
/// The app's own services, apart from the Functions host: options, blob storage, alerts, the Durable-backed
/// <see cref="IWorkflowService"/> and the task handlers. <c>Program.cs</c> adds the host-specific parts (telemetry,
/// the HTTP API and its authentication); the tests build the activities from this same list.
/// </summary>
public static class WorkflowFunctionsServiceCollectionExtensions
{
    public static IServiceCollection AddWorkflowFunctions(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<OrchestrationMetrics>();
        services.AddSingleton<IQueueBacklogMetrics>(sp => sp.GetRequiredService<OrchestrationMetrics>());
        services.AddOptions<RunLoopOptions>().Bind(configuration.GetSection("Workflow:RunLoop"));

        // Plans a run's dispatch keys once, in ResolveRun, so they are kept in the run's history.
        services.AddSingleton<IDispatchPlanner>(PolicyDispatchPlanner.Instance);
        services.AddOptions<SlaLoopOptions>().Bind(configuration.GetSection("Workflow:SlaLoop"));
        services.AddOptions<StorageOptions>().Bind(configuration.GetSection(StorageOptions.Section));
        services.AddOptions<SchedulerOptions>().Bind(configuration.GetSection(SchedulerOptions.Section));
        services.AddOptions<RetentionOptions>().Bind(configuration.GetSection(RetentionOptions.Section));
        services.AddOptions<TaskLogOptions>().Bind(configuration.GetSection(TaskLogOptions.Section));

        // Storage: the definitions catalogue, attempts, logs, audit and schedule watermarks, all in Blob storage.
        services.AddSingleton<BlobContainers>();
        services.AddSingleton<BlobPipelineCatalog>();
        services.AddSingleton<AttemptStore>();
        services.AddSingleton<BlobDurationHistory>();
        services.AddSingleton<BlobTaskLogFactory>();
        services.AddSingleton<BlobAuditLog>();
        services.AddSingleton<IAuditLog>(sp => sp.GetRequiredService<BlobAuditLog>());
        services.AddScoped<IAuditedPipelineSaves, BlobPipelineSaves>();
        services.AddSingleton<IWatermarkStore, BlobWatermarkStore>();
        services.AddHostedService<LocalContainersInitializer>();

        // Alerts in Table storage, served at /api/alerts; webhooks delivered through a Storage queue.
        services.AddTableAlerts(configuration);

        // The engine-neutral service over the task hub, per invocation (it uses that invocation's Durable client).
        services.AddScoped<DurableClientHolder>();
        services.AddScoped<DurableWorkflowService>();
        services.AddScoped<IWorkflowService>(sp => sp.GetRequiredService<DurableWorkflowService>());
        services.AddScoped<IAuditedPipelineDeletes, BlobPipelineDeletes>();
        services.AddScoped<ScheduleTicker>();
        services.AddOptions<BackfillOptions>().Bind(configuration.GetSection(BackfillOptions.Section));
        services.AddScoped<IBackfillService, DurableBackfillService>();
        services.AddSingleton<DeletedPipelines>();
        services.AddSingleton<RunRetentionPurger>();

        // The same task handlers and attempt executor as the embedded host, without the engine's SQLite store and
        // workers; large outputs go to blobs, since the instances share no disk.
        services.AddWorkflowTaskHandlers();
        services.AddSingleton<IOutputStore, BlobOutputStore>();
        services.AddStorageQueueDrain(configuration);
        services.AddKeyVaultSecrets(configuration);
        return services;
    }
}
