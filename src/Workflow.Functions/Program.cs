using Azure.Identity;
using Azure.Monitor.OpenTelemetry.Exporter;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Azure.Functions.Worker.OpenTelemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using Workflow.Api;
using Workflow.Api.Audit;
using Workflow.Engine.Handlers;
using Workflow.Engine.Logs;
using Workflow.Engine.Scheduling;
using Workflow.Functions.Activities;
using Workflow.Functions.Http;
using Workflow.Functions.Queues;
using Workflow.Functions.Services;
using Workflow.Functions.Storage;
using Workflow.Orchestration;
using Workflow.Orchestration.Hosting;
using Workflow.Orchestration.Sla;
using Workflow.Services;

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

services.AddSingleton(TimeProvider.System);
services.AddSingleton<OrchestrationMetrics>();
services.AddOptions<RunLoopOptions>().Bind(configuration.GetSection("Workflow:RunLoop"));
services.AddOptions<SlaLoopOptions>().Bind(configuration.GetSection("Workflow:SlaLoop"));
services.AddOptions<StorageOptions>().Bind(configuration.GetSection(StorageOptions.Section));
services.AddOptions<SchedulerOptions>().Bind(configuration.GetSection(SchedulerOptions.Section));

// Storage: the definitions catalogue, attempts, logs, audit and schedule watermarks, all in Blob storage.
services.AddSingleton<BlobContainers>();
services.AddSingleton<BlobPipelineCatalog>();
services.AddSingleton<AttemptStore>();
services.AddSingleton<BlobDurationHistory>();
services.AddSingleton<BlobTaskLogFactory>();
services.AddSingleton<IAuditLog, BlobAuditLog>();
services.AddSingleton<IWatermarkStore, BlobWatermarkStore>();
services.AddHostedService<LocalContainersInitializer>();

// The engine-neutral service over the task hub, per invocation (it uses that invocation's Durable client).
services.AddScoped<DurableClientHolder>();
services.AddScoped<IWorkflowService, DurableWorkflowService>();
services.AddScoped<ScheduleTicker>();

// The same task handlers and attempt executor as the embedded host, without the engine's SQLite store and workers;
// large outputs go to blobs, since the instances share no disk.
services.AddWorkflowTaskHandlers();
services.AddSingleton<IOutputStore, BlobOutputStore>();
services.AddStorageQueueDrain(configuration);

// The same HTTP API, authenticated by App Service Authentication instead of a bearer token.
services.AddRouting();
services.AddWorkflowApi(configuration, builder.Environment);
services.AddAuthentication().AddScheme<AuthenticationSchemeOptions, EasyAuthHandler>(EasyAuthHandler.SchemeName, null);
services.PostConfigure<AuthenticationOptions>(o =>
{
    o.DefaultScheme = EasyAuthHandler.SchemeName;
    o.DefaultAuthenticateScheme = EasyAuthHandler.SchemeName;
    o.DefaultChallengeScheme = EasyAuthHandler.SchemeName;
});
services.AddSingleton<ApiPipeline>();

builder.Build().Run();
