using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Workflow.Engine.Handlers.Code;
using Workflow.Engine.Handlers.Http;
using Workflow.Engine.Handlers.Process;
using Workflow.Engine.Handlers.Queue;
using Workflow.Engine.Logs;

namespace Workflow.Engine.Handlers;

/// <summary>
/// Registers the task handlers without the rest of the engine, for a host that runs attempts but keeps its run
/// state elsewhere (the Azure app's <c>RunTask</c> activity): the <c>code</c>, <c>http</c> and <c>process</c>
/// handlers, their <see cref="HandlerRegistry"/> and the <see cref="TaskAttemptExecutor"/>. The host supplies an
/// <see cref="IOutputStore"/>; <c>AddWorkflowEngine</c> calls this too and supplies <see cref="FileOutputStore"/>.
/// </summary>
public static class TaskHandlerServiceCollectionExtensions
{
    public static IServiceCollection AddWorkflowTaskHandlers(this IServiceCollection services)
    {
        services.AddLogging();
        services.AddHttpClient(HttpTaskHandler.ClientName, c => c.Timeout = Timeout.InfiniteTimeSpan);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<HandlerRegistry>();
        services.TryAddSingleton<TaskAttemptExecutor>();
        services.TryAddSingleton<Secrets.AttemptSecrets>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ITaskHandler, CodeTaskHandler>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ITaskHandler, HttpTaskHandler>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ITaskHandler, ProcessTaskHandler>());
        return services;
    }

    /// <summary>
    /// Registers the <c>queue-drain</c> handler. The host supplies the <see cref="IWorkQueue"/> it drains and the
    /// <see cref="IPipelineOwners"/> that tells which group's queue a pipeline may drain.
    /// </summary>
    public static IServiceCollection AddQueueDrainTaskHandler(this IServiceCollection services)
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ITaskHandler, QueueDrainTaskHandler>());
        return services;
    }
}
