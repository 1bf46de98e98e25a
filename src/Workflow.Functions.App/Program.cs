using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Workflow.Functions.Hosting;
using Workflow.Samples;

var builder = FunctionsApplication.CreateBuilder(args);

// Everything of Workflow's: its functions' services, the HTTP API and dashboard, telemetry.
builder.AddWorkflowFunctionsApp();

// Your own code, with the same calls as in the embedded host: code handlers (services.AddCodeHandler<T>()),
// pipelines in C# and pipeline sources (an IPipelineSource singleton). The samples show each of them.
builder.Services.AddWorkflowSamples(o => builder.Configuration.GetSection("Workflow:Samples").Bind(o));

builder.Build().Run();
