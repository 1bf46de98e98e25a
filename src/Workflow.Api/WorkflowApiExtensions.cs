using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Workflow.Api.Audit;
using Workflow.Api.Contracts;
using Workflow.Api.Endpoints;
using Workflow.Api.OpenApi;
using Workflow.Api.Problems;
using Workflow.Api.Security;

namespace Workflow.Api;

/// <summary>
/// Wires the HTTP API into any ASP.NET Core host: <see cref="AddWorkflowApi"/> registers its services,
/// <see cref="UseWorkflowApi"/> adds the middleware (problem details, authentication, rate limit) and
/// <see cref="MapWorkflowApi"/> maps the endpoints. The host supplies an <c>IWorkflowService</c> and an
/// <c>IAuditLog</c>.
/// </summary>
public static class WorkflowApiExtensions
{
    public static IServiceCollection AddWorkflowApi(this IServiceCollection services, IConfiguration configuration,
        IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(environment);
        services.AddOptions<WorkflowApiOptions>().Bind(configuration.GetSection(WorkflowApiOptions.Section));
        services.AddOptions<WorkflowAuthOptions>().Bind(configuration.GetSection(WorkflowAuthOptions.Section));
        services.TryAddSingleton(TimeProvider.System);
        services.AddScoped<ApiServices>();
        services.TryAddScoped<IAuditedPipelineSaves, SaveThenAudit>();
        services.TryAddScoped<IAuditedPipelineDeletes, DeleteThenAudit>();
        services.AddSingleton<DevTokenIssuer>();
        services.ConfigureHttpJsonOptions(o => ApiJson.Apply(o.SerializerOptions));
        services.AddProblemDetails();
        services.AddExceptionHandler<ProblemExceptionHandler>();

        var auth = configuration.GetSection(WorkflowAuthOptions.Section).Get<WorkflowAuthOptions>()
            ?? new WorkflowAuthOptions();
        services.AddWorkflowAuthentication(configuration, environment.IsDevelopment() && auth.EnableDevTokens);
        services.AddWorkflowRateLimiting();
        services.AddOpenApi(o =>
        {
            o.AddDocumentTransformer<BearerSecurity>();
            o.AddOperationTransformer<BearerSecurity>();
            o.AddOperationTransformer<ResponseHeadersDescription>();
            o.AddOperationTransformer<JsonRequestBodies>();
        });
        return services;
    }

    /// <summary>Adds the middleware, in order: errors as problems, authentication, authorization, rate limit.</summary>
    public static IApplicationBuilder UseWorkflowApi(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        return app;
    }

    public static IEndpointRouteBuilder MapWorkflowApi(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapOpenApi().AllowAnonymous();

        var open = endpoints.MapGroup("/api").RateLimited().Faults();
        HealthEndpoints.Map(open);
        var gate = endpoints.ServiceProvider.GetRequiredService<DevTokenGate>();
        if (gate.Enabled)
        {
            var logger = endpoints.ServiceProvider.GetRequiredService<ILogger<DevTokenIssuer>>();
            var env = endpoints.ServiceProvider.GetRequiredService<IHostEnvironment>();
            var anyAddress = endpoints.ServiceProvider.GetRequiredService<IOptions<WorkflowAuthOptions>>().Value
                .DevTokensFromAnyAddress;
            Log.DevTokensEnabled(logger, env.EnvironmentName,
                anyAddress ? "callers from any address (DevTokensFromAnyAddress is set)" : "loopback callers only");
            DevTokenEndpoints.Map(open);
        }

        var api = endpoints.MapWorkflowApiGroup();
        MeEndpoints.Map(api);
        PipelineReadEndpoints.Map(api);
        PipelineWriteEndpoints.Map(api);
        RunEndpoints.Map(api);
        CriticalPathEndpoints.Map(api);
        RunSuspendEndpoints.Map(api);
        BackfillEndpoints.Map(api);
        StatusQueryEndpoints.Map(api);
        ScheduleEndpoints.Map(api);
        AttemptEndpoints.Map(api);
        AuditEndpoints.Map(api);

        // An unknown path under /api answers a problem (404, or 405 for a known path), not the dashboard's page.
        endpoints.Map("/api/{**rest}", UnknownEndpoint.Answer).AllowAnonymous().ExcludeFromDescription();
        return endpoints;
    }

    /// <summary>
    /// The route group of every endpoint that needs a token, which other parts (for example alerts) add theirs to:
    /// its endpoints answer 401 without a valid token and 429 over the rate limit, and say so in the OpenAPI document.
    /// </summary>
    public static RouteGroupBuilder MapWorkflowApiGroup(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGroup("/api").RequireAuthorization().Authenticated().RateLimited().Faults();
}
