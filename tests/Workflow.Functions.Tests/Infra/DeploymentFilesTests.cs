using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace Workflow.Functions.Tests.Infra;

/// <summary>
/// What the Bicep CLI cannot see: the files azd and the Functions host read next to the Bicep agree with it and with
/// the project, and the compiled template keeps the promises of a keyless, identity-only deployment.
/// </summary>
public sealed partial class DeploymentFilesTests
{
    [Theory]
    [InlineData("host.json")]
    [InlineData("local.settings.sample.json")]
    [InlineData("infra/main.parameters.json")]
    public void Each_JSON_file_parses(string file) =>
        Assert.Equal(JsonValueKind.Object, RepositoryFiles.Json(file).ValueKind);

    [Fact]
    public void Host_json_configures_the_Durable_task_hub_on_Azure_Storage()
    {
        // Act
        var durable = RepositoryFiles.Json("host.json").GetProperty("extensions").GetProperty("durableTask");

        // Assert
        Assert.Equal("%WORKFLOW_TASK_HUB%", durable.GetProperty("hubName").GetString());
        Assert.Equal("AzureStorage", durable.GetProperty("storageProvider").GetProperty("type").GetString());
        Assert.True(durable.GetProperty("maxConcurrentActivityFunctions").GetInt32() > 0);
        Assert.True(durable.GetProperty("maxConcurrentOrchestratorFunctions").GetInt32() > 0);
        var settings = RepositoryFiles.Json("local.settings.sample.json").GetProperty("Values");
        Assert.Equal("UseDevelopmentStorage=true", settings.GetProperty("AzureWebJobsStorage").GetString());
        Assert.True(settings.TryGetProperty("WORKFLOW_TASK_HUB", out _), "local settings must name the task hub");
    }

    [Fact]
    public async Task Azure_yaml_has_one_function_service_that_the_function_app_is_tagged_with()
    {
        // Arrange
        var yaml = RepositoryFiles.Read("azure.yaml").ReplaceLineEndings("\n");
        var site = Assert.Single(await CompiledTemplate.ModuleResourcesAsync("function", "Microsoft.Web/sites"));

        // Act
        var services = yaml[yaml.IndexOf("\nservices:", StringComparison.Ordinal)..];
        var service = Assert.Single(ServiceName().Matches(services)).Groups[1].Value;
        var project = ProjectLine().Match(yaml).Groups[1].Value.Trim();
        var csproj = RepositoryFiles.PathOf(Path.Combine(project, "Workflow.Functions.App.csproj"));

        // Assert
        Assert.Equal("./src/Workflow.Functions.App", project);
        Assert.Matches(@"\n\s+host:\s*function\s*\n", yaml);
        Assert.Matches(@"\n\s+language:\s*dotnet\s*\n", yaml);
        Assert.True(File.Exists(csproj), $"{csproj} is missing");
        Assert.Contains($"'azd-service-name', '{service}'", site.Resource.GetProperty("tags").GetString(),
            StringComparison.Ordinal);
        var linked = XDocument.Load(csproj).Descendants("None")
            .Single(e => (string?)e.Attribute("Link") == "host.json");
        Assert.True(File.Exists(Path.GetFullPath(Path.Combine(Path.GetDirectoryName(csproj)!,
            ((string)linked.Attribute("Include")!).Replace('\\', '/')))));
        Assert.Contains("local.settings.json", RepositoryFiles.Read(".gitignore"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_parameters_file_sets_only_declared_parameters_and_every_one_without_a_default()
    {
        // Arrange
        var main = await CompiledTemplate.MainAsync();
        var declared = main.GetProperty("parameters").EnumerateObject().ToList();

        // Act
        var set = RepositoryFiles.Json("infra/main.parameters.json").GetProperty("parameters").EnumerateObject()
            .Select(p => p.Name).ToList();

        // Assert
        Assert.Contains("subscriptionDeploymentTemplate", main.GetProperty("$schema").GetString(),
            StringComparison.Ordinal);
        Assert.All(set, name => Assert.Contains(declared, p => p.Name == name));
        Assert.All(declared.Where(p => !p.Value.TryGetProperty("defaultValue", out _)),
            p => Assert.True(set.Contains(p.Name), $"main.bicep needs '{p.Name}'; the parameters file lacks it"));
    }

    [Fact]
    public async Task Storage_refuses_shared_keys_and_the_flex_app_reaches_it_with_its_user_assigned_identity()
    {
        // Arrange
        var account = Assert.Single(await CompiledTemplate.ResourcesAsync("Microsoft.Storage/storageAccounts"));
        var plan = Assert.Single(await CompiledTemplate.ModuleResourcesAsync("function", "Microsoft.Web/serverfarms"));
        var site = Assert.Single(await CompiledTemplate.ModuleResourcesAsync("function", "Microsoft.Web/sites"));
        var insights = Assert.Single(await CompiledTemplate.ResourcesAsync("Microsoft.Insights/components"));

        // Act
        var config = site.Properties.GetProperty("functionAppConfig");
        var deploymentAuth = config.GetProperty("deployment").GetProperty("storage").GetProperty("authentication");

        // Assert
        Assert.False(account.Properties.GetProperty("allowSharedKeyAccess").GetBoolean());
        Assert.Equal("FlexConsumption", plan.Resource.GetProperty("sku").GetProperty("tier").GetString());
        Assert.Equal("UserAssigned", site.Resource.GetProperty("identity").GetProperty("type").GetString());
        Assert.Equal("UserAssignedIdentity", deploymentAuth.GetProperty("type").GetString());
        Assert.True(insights.Properties.GetProperty("DisableLocalAuth").GetBoolean());
        Assert.Contains("daysAfterModificationGreaterThan: logRetentionDays", RepositoryFiles.Read(
            "infra/app/storage.bicep"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_function_app_runs_the_dotnet_version_the_project_targets()
    {
        // Arrange
        var framework = XDocument.Load(RepositoryFiles.PathOf("src/Workflow.Functions.App/Workflow.Functions.App.csproj"))
            .Descendants("TargetFramework").SingleOrDefault()?.Value
            ?? XDocument.Load(RepositoryFiles.PathOf("Directory.Build.props")).Descendants("TargetFramework").Single()
                .Value;
        var site = Assert.Single(await CompiledTemplate.ModuleResourcesAsync("function", "Microsoft.Web/sites"));

        // Act
        var runtime = site.Properties.GetProperty("functionAppConfig").GetProperty("runtime");

        // Assert
        Assert.Equal("dotnet-isolated", runtime.GetProperty("name").GetString());
        Assert.Equal(framework["net".Length..], CompiledTemplate.Resolve(site, runtime.GetProperty("version"))
            .GetString());
    }

    [Fact]
    public async Task The_app_identity_holds_the_blob_queue_table_and_metrics_publisher_roles()
    {
        // Arrange
        string[] needed =
        [
            "b7e6dc6d-f1e8-4753-8033-0f276bb0955b", // Storage Blob Data Owner: leases, app package, app blobs
            "974c5e8b-45b9-4653-ba55-5f855dd0fb88", // Storage Queue Data Contributor: task hub control and work queues
            "0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3", // Storage Table Data Contributor: task hub history and instances
            "3913510d-42f4-4e42-8a64-420c390055eb", // Monitoring Metrics Publisher: telemetry with Entra ID
        ];
        var assignments = await CompiledTemplate.ResourcesAsync("Microsoft.Authorization/roleAssignments");

        // Act
        var forTheApp = assignments
            .Where(a => a.Properties.GetProperty("principalId").GetString() == "[parameters('appPrincipalId')]")
            .ToList();
        var roles = forTheApp.SelectMany(CompiledTemplate.RoleIds).ToList();

        // Assert
        Assert.All(needed, role => Assert.Contains(role, roles));
        Assert.All(forTheApp,
            a => Assert.Equal("ServicePrincipal", a.Properties.GetProperty("principalType").GetString()));
    }

    [GeneratedRegex(@"project:\s*(\S+)")]
    private static partial Regex ProjectLine();

    [GeneratedRegex(@"^  ([\w-]+):\s*$", RegexOptions.Multiline)]
    private static partial Regex ServiceName();
}
