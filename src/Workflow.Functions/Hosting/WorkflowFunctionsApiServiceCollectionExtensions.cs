using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Workflow.Api;
using Workflow.Functions.Http;
using Workflow.Runtime.Handlers;

namespace Workflow.Functions.Hosting;

/// <summary>
/// The HTTP side of the app: the same API as the embedded host and its dashboard, authenticated by App Service
/// Authentication instead of a bearer token. <c>Program.cs</c> calls it, and the tests build the same pipeline.
/// </summary>
public static class WorkflowFunctionsApiServiceCollectionExtensions
{
    /// <summary>Where the dashboard sends a browser to sign in: App Service's own Entra ID sign-in.</summary>
    public const string SignInUrl = "/.auth/login/aad?post_login_redirect_uri=" + ApiPipeline.DashboardPath + "/";

    public static IServiceCollection AddWorkflowFunctionsApi(this IServiceCollection services,
        IConfiguration configuration, IHostEnvironment environment)
    {
        services.AddRouting();
        services.AddWorkflowApi(configuration, environment);
        services.PostConfigure<WorkflowApiOptions>(o => o.SignInUrl ??= SignInUrl);
        // As in the embedded host: a definition naming a task kind or code handler this app lacks is refused at save.
        services.AddOptions<WorkflowApiOptions>().Configure<HandlerRegistry>((api, handlers) =>
        {
            api.TaskKinds.UnionWith(handlers.Kinds);
            api.CodeHandlerExists = handlers.HasCodeHandler;
        });
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
