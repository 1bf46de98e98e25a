using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Workflow.Engine.Runtime;
using Workflow.Services;

namespace Workflow.Engine.Starts;

/// <summary>Registers gated starts (queued runs and backfills) with the engine; called by <c>AddWorkflowEngine</c>.</summary>
internal static class StartsServiceCollectionExtensions
{
    public static IServiceCollection AddGatedStarts(this IServiceCollection services)
    {
        services.AddOptions<BackfillOptions>();
        services.AddEngineMigration(StartsSchema.Migration);
        services.TryAddSingleton<StartsSql>();
        services.TryAddSingleton<QueuedStartStore>();
        services.TryAddSingleton<BackfillStore>();
        services.TryAddSingleton<StartGateSignal>();
        services.AddSingleton<IRunObserver>(sp => sp.GetRequiredService<StartGateSignal>());
        services.TryAddSingleton<StartGate>();
        services.TryAddSingleton<IBackfillService, EngineBackfillService>();
        services.AddHostedService<StartGateService>();
        return services;
    }
}
