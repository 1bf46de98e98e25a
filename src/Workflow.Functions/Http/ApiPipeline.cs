using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Workflow.Api;

namespace Workflow.Functions.Http;

/// <summary>
/// The HTTP API exactly as the embedded host serves it (same endpoints, validation, problem details and access
/// policy), built once as a request delegate that the HTTP-triggered functions hand their requests to.
/// </summary>
public sealed class ApiPipeline
{
    public ApiPipeline(IServiceProvider services)
    {
        var app = new ApplicationBuilder(services);
        app.UseRouting();
        app.UseWorkflowApi();
        app.UseEndpoints(endpoints => endpoints.MapWorkflowApi());
        Invoke = app.Build();
    }

    public RequestDelegate Invoke { get; }
}
