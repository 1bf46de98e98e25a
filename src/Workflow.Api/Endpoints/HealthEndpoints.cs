using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using Workflow.Api.Contracts;
using Workflow.Api.OpenApi;

namespace Workflow.Api.Endpoints;

/// <summary>Liveness for load balancers and the CLI: anonymous, and touches nothing.</summary>
internal static class HealthEndpoints
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/health", (IOptions<WorkflowApiOptions> options) =>
                TypedResults.Json(new HealthResponse("ok", options.Value.Version, options.Value.SignInUrl), ApiJson.Options))
            .AllowAnonymous()
            .WithName("Health")
            .Answers<HealthResponse>();
}
