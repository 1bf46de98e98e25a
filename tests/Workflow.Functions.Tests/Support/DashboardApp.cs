using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Workflow.Functions.Hosting;
using Workflow.Functions.Http;
using Workflow.Functions.Services;

namespace Workflow.Functions.Tests.Support;

/// <summary>
/// The app's HTTP pipeline (<see cref="ApiPipeline"/>: API and dashboard, from the app's own registrations) on a
/// real loopback listener, behind a stand-in for App Service Authentication: a request carrying the
/// <see cref="SessionCookie"/> is forwarded with the signed-in caller's principal header, as the platform does for
/// its session cookie; any caller-sent principal header is stripped, as the platform does.
/// </summary>
public sealed class DashboardApp : IAsyncDisposable
{
    public const string SessionCookie = "AppServiceAuthSession";

    private readonly WebApplication _app;

    private DashboardApp(WebApplication app, Uri baseAddress)
    {
        _app = app;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    /// <param name="name">The blob container prefix, the same as the Durable host's that runs the orchestrations.</param>
    /// <param name="durable">What the function bindings would hand the HTTP functions: a Durable client.</param>
    public static async Task<DashboardApp> StartAsync(string connectionString, string name, string principal,
        DurableTaskClient durable)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Workflow:Storage:ConnectionString"] = connectionString,
            ["Workflow:Storage:DefinitionsContainer"] = $"{name}-definitions",
            ["Workflow:Storage:LogsContainer"] = $"{name}-logs",
            ["Workflow:Api:RateLimitPermits"] = "100000",
            ["WEBSITE_AUTH_ENABLED"] = "True",
        });
        builder.Services.AddWorkflowFunctions(builder.Configuration);
        builder.Services.AddWorkflowFunctionsApi(builder.Configuration, builder.Environment);
        var app = builder.Build();
        var pipeline = app.Services.GetRequiredService<ApiPipeline>();
        app.Use(async (context, next) =>
        {
            context.RequestServices.GetRequiredService<DurableClientHolder>().Client = durable;
            context.Request.Headers.Remove(AppServicePrincipal.HeaderName);
            if (context.Request.Cookies.ContainsKey(SessionCookie))
            {
                context.Request.Headers[AppServicePrincipal.HeaderName] = principal;
            }

            await next(context);
        });
        // WebApplication would otherwise authenticate first, before the stand-in above has set the header, and the
        // handler keeps its first answer for the request.
        app.UseAuthentication();
        app.Run(context => pipeline.Invoke(context));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!
            .Addresses.Single();
        return new DashboardApp(app, new Uri(address));
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
