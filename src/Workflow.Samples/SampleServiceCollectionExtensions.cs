using Microsoft.Extensions.DependencyInjection;
using Workflow.Building;
using Workflow.Runtime.Handlers;

namespace Workflow.Samples;

/// <summary>
/// Registers the sample pipelines, their code handlers and the warehouse pipeline source in either host:
/// <c>services.AddWorkflowSamples(o =&gt; o.Directory = "…")</c>. It is also the example of how a user adds their
/// own code: <see cref="TaskHandlerServiceCollectionExtensions.AddCodeHandler{THandler}"/> and an
/// <see cref="IPipelineSource"/> singleton, the same calls in both hosts.
/// </summary>
public static class SampleServiceCollectionExtensions
{
    public static IServiceCollection AddWorkflowSamples(this IServiceCollection services,
        Action<SampleOptions>? configure = null)
    {
        var options = services.AddOptions<SampleOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.AddCodeHandler<PublishWeeklyReport>(PublishWeeklyReport.Name);
        services.AddCodeHandler<ProcessSmallJob>(ProcessSmallJob.Name);
        services.AddSingleton<WarehouseSource>();
        services.AddSingleton<IPipelineSource>(sp => sp.GetRequiredService<WarehouseSource>());
        services.AddHostedService<SampleSeeder>();
        return services;
    }
}
