using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Workflow.Api;
using Workflow.Api.Endpoints;
using Workflow.Services;

namespace Workflow.Functions.Http;

/// <summary>
/// The HTTP API exactly as the embedded host serves it (same endpoints, validation, problem details and access
/// policy), and the embedded host's dashboard under <see cref="DashboardPath"/>, built once as a request delegate
/// that the HTTP-triggered functions hand their requests to.
/// </summary>
public sealed class ApiPipeline
{
    /// <summary>
    /// Where the dashboard is served. Every function route sits under the host's <c>api</c> route prefix; the
    /// dashboard's own calls go to <c>/api/...</c> from any page path.
    /// </summary>
    public const string DashboardPath = "/api/dashboard";

    /// <summary>
    /// Where the OpenAPI document is served: the embedded host's <c>/openapi/v1.json</c> is outside the route prefix,
    /// where no function is reached, so the app serves the same document (anonymous, as there) under it.
    /// </summary>
    public const string OpenApiPattern = "/api/openapi/{documentName}.json";

    public ApiPipeline(IServiceProvider services)
    {
        var app = new ApplicationBuilder(services);
        var root = Path.Combine(AppContext.BaseDirectory, "wwwroot");
        IFileProvider files = Directory.Exists(root) ? new PhysicalFileProvider(root) : new NullFileProvider();
        app.Use(async (context, next) =>
        {
            // Relative links in index.html resolve against the folder, so the bare path gets its slash.
            if (context.Request.Path.Equals(DashboardPath, StringComparison.OrdinalIgnoreCase))
            {
                context.Response.Redirect(DashboardPath + "/");
                return;
            }

            await next(context);
        });
        app.UseDefaultFiles(new DefaultFilesOptions { RequestPath = DashboardPath, FileProvider = files });
        app.UseStaticFiles(new StaticFileOptions { RequestPath = DashboardPath, FileProvider = files });
        app.UseRouting();
        app.UseWorkflowApi();
        app.UseEndpoints(endpoints =>
        {
            endpoints.MapWorkflowApi();
            endpoints.MapOpenApi(OpenApiPattern).AllowAnonymous();
            if (services.GetService<IQueueService>() is not null)
            {
                endpoints.MapWorkflowQueues();
            }

            if (services.GetService<ISecretStore>() is not null)
            {
                endpoints.MapWorkflowSecrets();
            }

            if (services.GetService<IAlertService>() is not null)
            {
                endpoints.MapWorkflowAlerts();
            }
        });
        Invoke = app.Build();
    }

    public RequestDelegate Invoke { get; }
}
