using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Workflow.Building;
using Workflow.Engine;
using Workflow.Engine.Handlers.Code;
using Workflow.Host.Hosting;

namespace Workflow.Host.Samples;

/// <summary>
/// Registers the sample pipelines, their code handlers and the warehouse pipeline source. With
/// <c>Workflow:Samples=false</c> the handlers stay (harmless) but nothing is stored and the source lists nothing.
/// </summary>
internal static class SampleRegistration
{
    public static IServiceCollection AddSamples(this IServiceCollection services)
    {
        services.AddSingleton(sp => new SampleFolders(sp.GetRequiredService<IOptions<WorkflowHostOptions>>().Value));
        services.AddSingleton<WarehouseSource>();
        services.AddSingleton<IPipelineSource>(sp => sp.GetRequiredService<WarehouseSource>());
        services.AddCodeHandler<PublishWeeklyReport>(PublishWeeklyReport.Name);
        services.AddKeyedSingleton<ICodeHandler>(ProcessSmallJob.Name,
            (sp, _) => new ProcessSmallJob(sp.GetRequiredService<SampleFolders>().Work));
        services.AddHostedService<SampleSeeder>();
        return services;
    }
}
