using Azure.Identity;
using Azure.Monitor.OpenTelemetry.Exporter;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Azure.Functions.Worker.OpenTelemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using Workflow.Functions.Hosting;
using Workflow.Orchestration.Hosting;

var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();

var services = builder.Services;
var configuration = builder.Configuration;

// Telemetry: the Functions worker's OpenTelemetry defaults, the Workflow meter and activity source, exported to
// Azure Monitor with Entra ID credentials (Application Insights local auth is off).
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

builder.Build().Run();
