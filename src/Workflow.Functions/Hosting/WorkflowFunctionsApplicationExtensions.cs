using Azure.Identity;
using Azure.Monitor.OpenTelemetry.Exporter;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Azure.Functions.Worker.OpenTelemetry;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Workflow.Functions.Hosting;

/// <summary>
/// Everything of Workflow's in a Functions app's <c>Program.cs</c>, in one call:
/// <c>builder.AddWorkflowFunctionsApp()</c>.
/// The app project that references this library then adds its own code (handlers, C# pipelines, pipeline sources)
/// with the same calls as the embedded host; see docs/azure.md.
/// </summary>
public static class WorkflowFunctionsApplicationExtensions
{
    public static FunctionsApplicationBuilder AddWorkflowFunctionsApp(this FunctionsApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.ConfigureFunctionsWebApplication();
        var services = builder.Services;
        var configuration = builder.Configuration;

        // Telemetry: the Functions worker's OpenTelemetry defaults, the Workflow meter and activity source, exported
        // to Azure Monitor with Entra ID credentials (Application Insights local auth is off).
        if (!string.IsNullOrEmpty(configuration["APPLICATIONINSIGHTS_CONNECTION_STRING"]))
        {
            var clientId = configuration["AZURE_CLIENT_ID"];
            services.AddOpenTelemetry()
                .UseFunctionsWorkerDefaults()
                .WithTracing(tracing => tracing.AddSource(OrchestrationMetrics.MeterName))
                .WithMetrics(metrics => metrics.AddMeter(OrchestrationMetrics.MeterName))
                .UseAzureMonitorExporter(o => o.Credential = string.IsNullOrEmpty(clientId)
                    ? new DefaultAzureCredential()
                    : new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId)));
        }

        services.AddWorkflowFunctions(configuration);

        // The same HTTP API and dashboard, authenticated by App Service Authentication instead of a bearer token.
        services.AddWorkflowFunctionsApi(configuration, builder.Environment);
        return builder;
    }
}
