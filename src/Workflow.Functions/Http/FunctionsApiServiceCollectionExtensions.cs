using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Workflow.Api;

namespace Workflow.Functions.Http;

/// <summary>
/// The same HTTP API as the embedded host, authenticated by App Service Authentication instead of a bearer token,
/// built once as <see cref="ApiPipeline"/>. Program.cs and the API tests register it through this one method.
/// </summary>
public static class FunctionsApiServiceCollectionExtensions
{
    public static IServiceCollection AddWorkflowFunctionsApi(this IServiceCollection services,
        IConfiguration configuration, IHostEnvironment environment)
    {
        services.AddRouting();
        services.AddWorkflowApi(configuration, environment);
        services.AddAuthentication()
            .AddScheme<AuthenticationSchemeOptions, EasyAuthHandler>(EasyAuthHandler.SchemeName, null);
        services.PostConfigure<AuthenticationOptions>(o =>
        {
            o.DefaultScheme = EasyAuthHandler.SchemeName;
            o.DefaultAuthenticateScheme = EasyAuthHandler.SchemeName;
            o.DefaultChallengeScheme = EasyAuthHandler.SchemeName;
        });
        services.AddSingleton<ApiPipeline>();
        return services;
    }
}
