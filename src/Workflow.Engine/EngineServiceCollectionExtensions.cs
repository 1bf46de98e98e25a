using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Workflow.Engine.Handlers.Queue;
using Workflow.Engine.Hosting;
using Workflow.Engine.Logs;
using Workflow.Engine.Retention;
using Workflow.Engine.Runtime;
using Workflow.Engine.Secrets;
using Workflow.Engine.Services;
using Workflow.Engine.Starts;
using Workflow.Engine.Storage;
using Workflow.Runtime.Handlers;
using Workflow.Runtime.Handlers.Code;
using Workflow.Runtime.Handlers.Process;
using Workflow.Runtime.Handlers.Queue;
using Workflow.Runtime.Logs;
using Workflow.Services;
using Workflow.Sla.Backlog;

namespace Workflow.Engine;

/// <summary>Registers the embedded engine: <c>services.AddWorkflowEngine(o =&gt; o.DataDirectory = "…")</c>.</summary>
public static class EngineServiceCollectionExtensions
{
    public static IServiceCollection AddWorkflowEngine(this IServiceCollection services,
        Action<EngineOptions>? configure = null)
    {
        services.AddOptions<EngineOptions>();
        if (configure is not null)
        {
            services.Configure(configure);
        }

        services.AddWorkflowTaskHandlers();
        services.AddOptions<ProcessTaskOptions>().Configure<SqliteStore>((process, store) =>
            process.DataDirectory ??= store.DataDirectory);
        services.TryAddSingleton<SqliteStore>();
        services.TryAddSingleton<DataDirectoryLock>();
        services.TryAddSingleton<LogStore>();
        services.TryAddSingleton(sp => new FileOutputStore(
            Path.Combine(sp.GetRequiredService<SqliteStore>().DataDirectory, "outputs"),
            sp.GetRequiredService<IOptions<EngineOptions>>().Value.OutputInlineLimitBytes));
        services.TryAddSingleton<IOutputStore>(sp => sp.GetRequiredService<FileOutputStore>());
        services.TryAddSingleton<EngineRuntime>();
        services.TryAddSingleton(sp => sp.GetRequiredService<EngineRuntime>().Writer);
        services.TryAddSingleton<PipelineQueries>();
        services.TryAddSingleton<IDrainingPipelines>(sp => sp.GetRequiredService<PipelineQueries>());
        services.TryAddSingleton<RunQueries>();
        services.TryAddSingleton<DurationHistory>();
        services.TryAddSingleton<LocalQueue>();
        services.TryAddSingleton<IWorkQueue>(sp => sp.GetRequiredService<LocalQueue>());
        services.TryAddSingleton<IQueueService>(sp => sp.GetRequiredService<LocalQueue>());
        services.TryAddSingleton<IPipelineOwners, WorkflowServicePipelineOwners>();
        services.TryAddSingleton<RetentionSweeper>();
        services.TryAddSingleton<RetentionPurger>();
        services.TryAddSingleton(sp => new WorkflowEngineService(sp.GetRequiredService<EngineRuntime>(),
            sp.GetRequiredService<PipelineQueries>(), sp.GetRequiredService<RunQueries>(),
            sp.GetRequiredService<DurationHistory>(), sp.GetRequiredService<HandlerRegistry>(),
            sp.GetRequiredService<LogStore>()));
        services.TryAddSingleton<IWorkflowService>(sp => sp.GetRequiredService<WorkflowEngineService>());

        services.AddQueueDrainTaskHandler();
        services.AddSqliteSecretStore();

        services.AddRetentionSweep(EngineSweeps.QueueMessages);
        services.AddRetentionSweep(EngineSweeps.TaskDurations);
        services.AddRetentionSweep(EngineSweeps.DeletedPipelineDurations);

        // Hosted services start in this order: the engine (migrations, recovery) before anything that reads its tables.
        services.AddHostedService<EngineHostedService>();
        services.AddHostedService<RetentionPurgeService>();
        services.AddGatedStarts();
        return services;
    }

    /// <summary>Adds a table to the retention purge; see <see cref="RetentionSweep"/>.</summary>
    public static IServiceCollection AddRetentionSweep(this IServiceCollection services, RetentionSweep sweep) =>
        services.AddSingleton(sweep);

    /// <summary>Adds a schema migration; see <see cref="Migration"/> for the version ranges.</summary>
    public static IServiceCollection AddEngineMigration(this IServiceCollection services, Migration migration) =>
        services.AddSingleton(migration);
}
