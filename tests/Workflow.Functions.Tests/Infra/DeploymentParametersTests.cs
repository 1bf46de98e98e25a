using System.Text.Json;
using Workflow.Functions.Http;

namespace Workflow.Functions.Tests.Infra;

/// <summary>
/// The choices an azd environment makes (sign-in client id, who runs azd, storage redundancy) reach the resources
/// they are meant for, with safe defaults.
/// </summary>
public sealed class DeploymentParametersTests
{
    [Fact]
    public async Task The_function_app_always_requires_authentication_and_azd_must_be_given_the_client_id()
    {
        // Arrange
        var main = await CompiledTemplate.MainAsync();
        var configs = await CompiledTemplate.ModuleResourcesAsync("function", "Microsoft.Web/sites/config");
        var config = Assert.Single(configs,
            c => c.Resource.GetProperty("name").GetString()!.Contains("authsettingsV2", StringComparison.Ordinal));

        // Act
        var declared = main.GetProperty("parameters").GetProperty("authClientId");
        var validation = config.Properties.GetProperty("globalValidation");
        var given = ParameterFileValue("authClientId");
        var site = Assert.Single(await CompiledTemplate.ModuleResourcesAsync("function", "Microsoft.Web/sites"));
        var settings = site.Properties.GetProperty("siteConfig").GetProperty("appSettings").EnumerateArray()
            .Select(s => s.GetProperty("name").GetString()).ToList();

        // Assert
        Assert.False(config.Resource.TryGetProperty("condition", out _), "authentication must not be optional");
        Assert.True(config.Properties.GetProperty("platform").GetProperty("enabled").GetBoolean());
        Assert.True(validation.GetProperty("requireAuthentication").GetBoolean());
        Assert.Equal("Return401", validation.GetProperty("unauthenticatedClientAction").GetString());
        Assert.False(declared.TryGetProperty("defaultValue", out _), "azd prompts only for parameters with no default");
        Assert.Equal(1, declared.GetProperty("minLength").GetInt32());
        Assert.Equal("${WORKFLOW_AUTH_CLIENT_ID}", given);
        // The platform sets this marker itself; an app setting of the same name would fake it.
        Assert.DoesNotContain(EasyAuthHandler.PlatformAuthenticationSetting, settings,
            StringComparer.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task The_developer_role_assignments_take_the_principal_type_azd_is_given()
    {
        // Arrange
        var main = await CompiledTemplate.MainAsync();
        var assignments = await CompiledTemplate.ModuleResourcesAsync("rbac",
            "Microsoft.Authorization/roleAssignments");

        // Act
        var declared = main.GetProperty("parameters").GetProperty("principalType");
        var forTheDeveloper = assignments
            .Where(a => a.Properties.GetProperty("principalId").GetString() == "[parameters('userPrincipalId')]")
            .ToList();

        // Assert
        Assert.Equal("User", declared.GetProperty("defaultValue").GetString());
        Assert.Contains("ServicePrincipal", declared.GetProperty("allowedValues").EnumerateArray()
            .Select(v => v.GetString()));
        Assert.Equal("${AZURE_PRINCIPAL_TYPE=User}", ParameterFileValue("principalType"));
        Assert.NotEmpty(forTheDeveloper);
        Assert.All(forTheDeveloper, a => Assert.Equal("[parameters('principalType')]",
            CompiledTemplate.Resolve(a, a.Properties.GetProperty("principalType")).GetString()));
    }

    [Fact]
    public async Task Storage_is_geo_and_zone_redundant_by_default_and_every_choice_is_documented()
    {
        // Arrange
        var main = await CompiledTemplate.MainAsync();
        var account = Assert.Single(await CompiledTemplate.ResourcesAsync("Microsoft.Storage/storageAccounts"));
        var runbook = RepositoryFiles.Read("docs/azure-failover.md");

        // Act
        var declared = main.GetProperty("parameters").GetProperty("storageRedundancy");
        var allowed = declared.GetProperty("allowedValues").EnumerateArray().Select(v => v.GetString()!).ToList();
        var sku = CompiledTemplate.Resolve(account, account.Resource.GetProperty("sku").GetProperty("name"));

        // Assert
        Assert.Equal("Standard_GZRS", declared.GetProperty("defaultValue").GetString());
        Assert.Equal("[parameters('storageRedundancy')]", sku.GetString());
        Assert.Equal("${WORKFLOW_STORAGE_REDUNDANCY=Standard_GZRS}", ParameterFileValue("storageRedundancy"));
        Assert.All(["Standard_RAGZRS", "Standard_GRS", "Standard_ZRS"], v => Assert.Contains(v, allowed));
        Assert.All(allowed, v => Assert.True(runbook.Contains($"`{v}`", StringComparison.Ordinal),
            $"docs/azure-failover.md does not say when to choose {v}"));
    }

    private static string? ParameterFileValue(string parameter) =>
        RepositoryFiles.Json("infra/main.parameters.json").GetProperty("parameters").GetProperty(parameter)
            .GetProperty("value").GetString();
}
