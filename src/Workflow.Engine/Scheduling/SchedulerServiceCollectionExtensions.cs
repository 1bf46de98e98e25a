using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Workflow.Runtime.Scheduling;

namespace Workflow.Engine.Scheduling;

/// <summary>Registers the schedule tick: <c>services.AddWorkflowScheduler(configuration)</c> after the engine.</summary>
public static class SchedulerServiceCollectionExtensions
{
    public static IServiceCollection AddWorkflowScheduler(this IServiceCollection services,
        IConfiguration? configuration = null, Action<SchedulerOptions>? configure = null)
    {
        var options = services.AddOptions<SchedulerOptions>();
        if (configuration is not null)
        {
            options.Bind(configuration.GetSection(SchedulerOptions.Section));
        }

        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IWatermarkStore, SqliteWatermarkStore>();
        services.TryAddSingleton<ScheduleDueIndex>();
        services.TryAddSingleton<IScheduleDueIndex>(sp => sp.GetRequiredService<ScheduleDueIndex>());
        services.TryAddSingleton<ScheduleTicker>();
        services.AddHostedService<SchedulerService>();
        return services;
    }
}
