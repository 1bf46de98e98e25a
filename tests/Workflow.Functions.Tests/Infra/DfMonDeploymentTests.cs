using System.Text.Json;

namespace Workflow.Functions.Tests.Infra;

/// <summary>
/// Durable Functions Monitor, <c>infra/app/dfmon.bicep</c>: deployed only when asked for, reaching the task hub with
/// an identity of its own (no key, no connection string), behind Entra ID sign-in, and showing the app's task hub.
/// </summary>
public sealed class DfMonDeploymentTests
{
    private const string Module = "dfmon";

    [Fact]
    public async Task The_monitor_is_deployed_only_when_deployDfMon_is_true_and_it_defaults_to_false()
    {
        // Arrange
        var main = await CompiledTemplate.MainAsync();
        var parameters = RepositoryFiles.Json("infra/main.parameters.json").GetProperty("parameters");

        // Act
        var module = await CompiledTemplate.ModuleAsync(Module);
        var declared = main.GetProperty("parameters").GetProperty("deployDfMon");
        var url = main.GetProperty("outputs").GetProperty("DFMON_URL").GetProperty("value").GetString();

        // Assert
        Assert.Equal("[parameters('deployDfMon')]", module.GetProperty("condition").GetString());
        Assert.Equal("bool", declared.GetProperty("type").GetString());
        Assert.False(declared.GetProperty("defaultValue").GetBoolean());
        Assert.Equal("${WORKFLOW_DEPLOY_DFMON=false}",
            parameters.GetProperty("deployDfMon").GetProperty("value").GetString());
        Assert.StartsWith("[if(parameters('deployDfMon'), ", url, StringComparison.Ordinal);
        Assert.Contains("'dfmon'", url, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_monitor_reaches_storage_with_its_own_identity_and_the_roles_the_task_hub_needs()
    {
        // Arrange
        string[] needed =
        [
            "b7e6dc6d-f1e8-4753-8033-0f276bb0955b", // Storage Blob Data Owner: host locks, large messages
            "974c5e8b-45b9-4653-ba55-5f855dd0fb88", // Storage Queue Data Contributor: terminate, raise event
            "0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3", // Storage Table Data Contributor: instances, history, purge
        ];
        var site = Assert.Single(await CompiledTemplate.ModuleResourcesAsync(Module, "Microsoft.Web/sites"));
        var assignments =
            await CompiledTemplate.ModuleResourcesAsync(Module, "Microsoft.Authorization/roleAssignments");

        // Act
        var settings = Settings(site);
        var identities = site.Resource.GetProperty("identity");
        var userAssigned = Assert.Single(identities.GetProperty("userAssignedIdentities").EnumerateObject()).Name;
        var roles = assignments.SelectMany(CompiledTemplate.RoleIds).ToList();

        // Assert
        Assert.Equal("UserAssigned", identities.GetProperty("type").GetString());
        Assert.Contains("userAssignedIdentities', parameters('identityName')", userAssigned, StringComparison.Ordinal);
        Assert.Equal("managedidentity", settings["AzureWebJobsStorage__credential"]);
        Assert.All(AppSettings.IdentityConnection("AzureWebJobsStorage"),
            name => Assert.True(settings.ContainsKey(name), $"dfmon.bicep does not set {name}"));
        Assert.Contains("parameters('identityName')", settings["AzureWebJobsStorage__clientId"],
            StringComparison.Ordinal);
        Assert.False(settings.ContainsKey("AzureWebJobsStorage"), "a connection string would need a storage key");
        Assert.DoesNotContain(settings.Values, v => v.Contains("listKeys", StringComparison.OrdinalIgnoreCase));
        Assert.All(needed, role => Assert.Contains(role, roles));
        Assert.All(assignments, a =>
        {
            Assert.Contains("parameters('identityName')", a.Properties.GetProperty("principalId").GetString(),
                StringComparison.Ordinal);
            Assert.Equal("ServicePrincipal", a.Properties.GetProperty("principalType").GetString());
        });
    }

    [Fact]
    public async Task The_monitor_requires_Entra_ID_sign_in_for_every_path()
    {
        // Arrange
        var module = await CompiledTemplate.ModuleAsync(Module);
        var config = Assert.Single(await CompiledTemplate.ModuleResourcesAsync(Module, "Microsoft.Web/sites/config"));

        // Act
        var validation = config.Properties.GetProperty("globalValidation");
        var aad = config.Properties.GetProperty("identityProviders").GetProperty("azureActiveDirectory");
        var clientId = aad.GetProperty("registration").GetProperty("clientId");

        // Assert
        Assert.False(config.Resource.TryGetProperty("condition", out _), "sign-in must not be optional");
        Assert.EndsWith("'authsettingsV2')]", config.Resource.GetProperty("name").GetString(),
            StringComparison.Ordinal);
        Assert.True(config.Properties.GetProperty("platform").GetProperty("enabled").GetBoolean());
        Assert.True(validation.GetProperty("requireAuthentication").GetBoolean());
        Assert.Equal("RedirectToLoginPage", validation.GetProperty("unauthenticatedClientAction").GetString());
        Assert.False(validation.TryGetProperty("excludedPaths", out _), "no DfMon path may be left open");
        Assert.True(aad.GetProperty("enabled").GetBoolean());
        Assert.Equal("[parameters('authClientId')]", CompiledTemplate.Resolve(config, clientId).GetString());
        Assert.Equal("[parameters('authClientId')]", module.GetProperty("properties").GetProperty("parameters")
            .GetProperty("authClientId").GetProperty("value").GetString());
    }

    [Fact]
    public async Task The_monitor_shows_the_task_hub_the_app_runs_on_and_only_that_hub()
    {
        // Arrange
        var monitor = Assert.Single(await CompiledTemplate.ModuleResourcesAsync(Module, "Microsoft.Web/sites"));
        var app = Assert.Single(await CompiledTemplate.ModuleResourcesAsync("function", "Microsoft.Web/sites"));
        var hostHub = RepositoryFiles.Json("host.json").GetProperty("extensions").GetProperty("durableTask")
            .GetProperty("hubName").GetString();

        // Act
        var monitorHub = CompiledTemplate.Resolve(monitor, SettingValue(monitor, "DFM_HUB_NAME")).GetString();
        var appHub = CompiledTemplate.Resolve(app, SettingValue(app, "WORKFLOW_TASK_HUB")).GetString();

        // Assert
        Assert.Equal("%WORKFLOW_TASK_HUB%", hostHub);
        Assert.Equal("[parameters('taskHubName')]", appHub);
        Assert.Equal(appHub, monitorHub);
        Assert.DoesNotContain(",", monitorHub, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_monitor_is_not_the_app_azd_deploys_to()
    {
        // Arrange
        var monitor = Assert.Single(await CompiledTemplate.ModuleResourcesAsync(Module, "Microsoft.Web/sites"));

        // Act
        var tags = monitor.Resource.GetProperty("tags").ToString();

        // Assert
        Assert.DoesNotContain("azd-service-name", tags, StringComparison.Ordinal);
        Assert.Contains("DurableFunctionsMonitor.DotNetIsolated/",
            CompiledTemplate.Resolve(monitor, SettingValue(monitor, "WEBSITE_RUN_FROM_PACKAGE")).GetString(),
            StringComparison.Ordinal);
    }

    private static Dictionary<string, string> Settings(DeployedResource site) =>
        site.Properties.GetProperty("siteConfig").GetProperty("appSettings").EnumerateArray()
            .ToDictionary(s => s.GetProperty("name").GetString()!, s => s.GetProperty("value").ToString());

    private static JsonElement SettingValue(DeployedResource site, string name) =>
        site.Properties.GetProperty("siteConfig").GetProperty("appSettings").EnumerateArray()
            .Single(s => s.GetProperty("name").GetString() == name).GetProperty("value");
}
