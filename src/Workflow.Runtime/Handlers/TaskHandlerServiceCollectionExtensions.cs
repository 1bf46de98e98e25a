using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Workflow.Runtime.Handlers.Code;
using Workflow.Runtime.Handlers.Http;
using Workflow.Runtime.Handlers.Process;
using Workflow.Runtime.Handlers.Queue;
using Workflow.Runtime.Logs;

namespace Workflow.Runtime.Handlers;

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
        services.AddOptions<TaskLogOptions>();
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

    /// <summary>Registers a <c>code</c> task handler under <paramref name="name"/> (default: the type's name).</summary>
    public static IServiceCollection AddCodeHandler<THandler>(this IServiceCollection services, string? name = null)
        where THandler : class, ICodeHandler =>
        services.AddKeyedSingleton<ICodeHandler, THandler>(name ?? typeof(THandler).Name);

    public static IServiceCollection AddCodeHandler(this IServiceCollection services, string name,
        Func<TaskContext, JsonElement?, CancellationToken, ValueTask<JsonElement?>> run) =>
        services.AddKeyedSingleton<ICodeHandler>(name, new DelegateCodeHandler(run));
}
