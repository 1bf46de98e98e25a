using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Workflow.Engine.Handlers;
using Workflow.Engine.Handlers.Code;
using Workflow.Engine.Handlers.Process;
using Workflow.Engine.Handlers.Queue;
using Workflow.Engine.Hosting;
using Workflow.Engine.Logs;
using Workflow.Engine.Retention;
using Workflow.Engine.Runtime;
using Workflow.Engine.Secrets;
using Workflow.Engine.Services;
using Workflow.Engine.Starts;
using Workflow.Engine.Storage;
using Workflow.Services;

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

        // Hosted services start in this order: the engine (migrations, recovery) before anything that reads its tables.
        services.AddHostedService<EngineHostedService>();
        services.AddHostedService<RetentionPurgeService>();
        services.AddGatedStarts();
        return services;
    }

    /// <summary>Registers a <c>code</c> task handler under <paramref name="name"/> (default: the type's name).</summary>
    public static IServiceCollection AddCodeHandler<THandler>(this IServiceCollection services, string? name = null)
        where THandler : class, ICodeHandler =>
        services.AddKeyedSingleton<ICodeHandler, THandler>(name ?? typeof(THandler).Name);

    public static IServiceCollection AddCodeHandler(this IServiceCollection services, string name,
        Func<TaskContext, JsonElement?, CancellationToken, ValueTask<JsonElement?>> run) =>
        services.AddKeyedSingleton<ICodeHandler>(name, new DelegateCodeHandler(run));

    /// <summary>Adds a table to the retention purge; see <see cref="RetentionSweep"/>.</summary>
    public static IServiceCollection AddRetentionSweep(this IServiceCollection services, RetentionSweep sweep) =>
        services.AddSingleton(sweep);

    /// <summary>Adds a schema migration; see <see cref="Migration"/> for the version ranges.</summary>
    public static IServiceCollection AddEngineMigration(this IServiceCollection services, Migration migration) =>
        services.AddSingleton(migration);
}
