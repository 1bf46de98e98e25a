using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Workflow.Functions.Hosting;
using Workflow.Functions.Http;

namespace Workflow.Functions.Tests.Support;

/// <summary>
/// The Azure app's HTTP side as <c>Program.cs</c> registers it, its <see cref="ApiPipeline"/> behind a real listener
/// on 127.0.0.1, on Azurite with containers and a table of its own; callers authenticate by the App Service header.
/// </summary>
internal static class ApiApp
{
    /// <param name="settings">More configuration, for example a Key Vault URI to map the secret endpoints.</param>
    public static async Task<WebApplication> StartAsync(string connectionString,
        params (string Key, string Value)[] settings)
    {
        var unique = Guid.NewGuid().ToString("N");
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Workflow:Storage:ConnectionString"] = connectionString,
            ["Workflow:Storage:DefinitionsContainer"] = $"def-{unique}",
            ["Workflow:Storage:LogsContainer"] = $"logs-{unique}",
            ["Workflow:Storage:AlertsTable"] = $"alerts{unique}",
            [EasyAuthHandler.PlatformAuthenticationSetting] = "True",
        });
        builder.Configuration.AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value)));
        builder.Services.AddWorkflowFunctions(builder.Configuration);
        builder.Services.AddWorkflowFunctionsApi(builder.Configuration, builder.Environment);
        var app = builder.Build();
        app.Run(context => app.Services.GetRequiredService<ApiPipeline>().Invoke(context));
        await app.StartAsync();
        return app;
    }
}
