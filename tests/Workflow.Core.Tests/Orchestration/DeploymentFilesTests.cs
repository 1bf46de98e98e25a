using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Workflow.Orchestration.Hosting;

namespace Workflow.Orchestration;

/// <summary>
/// The Bicep CLI and the Functions packages are not available where the build runs, so these checks catch what
/// can be caught without them: files parse, names agree across files, and the paths they point at exist.
/// </summary>
public sealed partial class DeploymentFilesTests
{
    private static readonly string Root = FindRoot();

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Workflow.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Workflow.sln not found above the test binaries.");
    }

    private static string Read(string relative) => File.ReadAllText(Path.Combine(Root, relative));

    private static JsonElement Json(string relative) => JsonDocument.Parse(Read(relative)).RootElement;

    [Theory]
    [InlineData("host.json")]
    [InlineData("local.settings.sample.json")]
    [InlineData("infra/main.parameters.json")]
    [InlineData("infra/abbreviations.json")]
    public void Each_JSON_file_parses(string file) => Assert.Equal(JsonValueKind.Object, Json(file).ValueKind);

    [Fact]
    public void Host_json_configures_the_Durable_task_hub_on_Azure_Storage()
    {
        // Act
        var durable = Json("host.json").GetProperty("extensions").GetProperty("durableTask");

        // Assert
        Assert.Equal("%WORKFLOW_TASK_HUB%", durable.GetProperty("hubName").GetString());
        Assert.Equal("AzureStorage", durable.GetProperty("storageProvider").GetProperty("type").GetString());
        Assert.True(durable.GetProperty("maxConcurrentActivityFunctions").GetInt32() > 0);
        Assert.True(durable.GetProperty("maxConcurrentOrchestratorFunctions").GetInt32() > 0);
        Assert.True(durable.GetProperty("extendedSessionsEnabled").GetBoolean());
        var settings = Json("local.settings.sample.json").GetProperty("Values");
        Assert.Equal("UseDevelopmentStorage=true", settings.GetProperty("AzureWebJobsStorage").GetString());
        Assert.True(settings.TryGetProperty("WORKFLOW_TASK_HUB", out _), "local settings must name the task hub");
    }

    [Fact]
    public void Azure_yaml_has_one_function_service_whose_project_exists_and_links_host_json()
    {
        // Arrange
        var yaml = Read("azure.yaml");

        // Act
        var project = ProjectLine().Match(yaml).Groups[1].Value.Trim();
        var csproj = Path.Combine(Root, project, "Workflow.Functions.csproj");

        // Assert
        Assert.Equal("./src/Workflow.Functions", project);
        Assert.Matches(@"\n\s+host:\s*function\s*\n", yaml);
        Assert.Matches(@"\n\s+language:\s*dotnet\s*\n", yaml);
        Assert.True(File.Exists(csproj), $"{csproj} is missing");
        var linked = XDocument.Load(csproj).Descendants("None")
            .Single(e => (string?)e.Attribute("Link") == "host.json");
        Assert.True(File.Exists(Path.GetFullPath(Path.Combine(Path.GetDirectoryName(csproj)!,
            ((string)linked.Attribute("Include")!).Replace('\\', '/')))));
        Assert.DoesNotContain("Workflow.Functions", Read("Workflow.sln"), StringComparison.Ordinal);
        Assert.Contains("local.settings.json", Read(".gitignore"), StringComparison.Ordinal);
    }

    [Fact]
    public void Main_bicep_declares_every_parameter_the_parameters_file_sets_and_every_module_exists()
    {
        // Arrange
        var main = Read("infra/main.bicep");
        var abbreviations = Json("infra/abbreviations.json");

        // Assert
        Assert.StartsWith("//", main.TrimStart(), StringComparison.Ordinal);
        Assert.Contains("targetScope = 'subscription'", main, StringComparison.Ordinal);
        foreach (var parameter in Json("infra/main.parameters.json").GetProperty("parameters").EnumerateObject())
        {
            Assert.Matches($@"\nparam {parameter.Name} ", main);
        }

        var modules = ModulePath().Matches(main).Select(m => m.Groups[1].Value).ToList();
        Assert.NotEmpty(modules);
        Assert.All(modules, m => Assert.True(File.Exists(Path.Combine(Root, "infra", m)), $"infra/{m} is missing"));
        Assert.All(AbbreviationUse().Matches(main).Select(m => m.Groups[1].Value),
            a => Assert.True(abbreviations.TryGetProperty(a, out _), $"abbreviations.json lacks '{a}'"));
    }

    [Fact]
    public void Storage_forbids_shared_keys_expires_logs_and_the_app_runs_the_project_dotnet_version()
    {
        // Arrange
        var storage = Read("infra/app/storage.bicep");
        var function = Read("infra/app/function.bicep");
        var framework = XDocument.Load(Path.Combine(Root, "src/Workflow.Functions/Workflow.Functions.csproj"))
            .Descendants("TargetFramework").Single().Value;

        // Assert
        Assert.Contains("allowSharedKeyAccess: false", storage, StringComparison.Ordinal);
        Assert.Contains("daysAfterModificationGreaterThan: logRetentionDays", storage, StringComparison.Ordinal);
        Assert.Contains("tier: 'FlexConsumption'", function, StringComparison.Ordinal);
        Assert.Contains($"param dotnetVersion string = '{framework["net".Length..]}'", function, StringComparison.Ordinal);
        Assert.Contains("'azd-service-name': 'api'", function, StringComparison.Ordinal);
        Assert.Matches(@"\n  api:\s*\n", Read("azure.yaml"));
    }

    [Fact]
    public void Alert_rules_query_the_metric_names_the_app_emits()
    {
        // Arrange
        var alerts = Read("infra/app/alerts.bicep");

        // Assert
        Assert.Contains($"param runsFailedMetric string = '{OrchestrationMetrics.RunsFailed}'", alerts, StringComparison.Ordinal);
        Assert.Contains($"param slaAlertsMetric string = '{OrchestrationMetrics.SlaAlerts}'", alerts, StringComparison.Ordinal);
        Assert.Contains($"param queueBacklogMetric string = '{OrchestrationMetrics.QueueBacklog}'", alerts, StringComparison.Ordinal);
        foreach (var rule in new[] { "run-failures", "sla-alerts", "queue-backlog" })
        {
            Assert.Contains($"name: '{rule}'", alerts, StringComparison.Ordinal);
        }

        Assert.Contains("actionGroups: [\n        actionGroup.id", alerts.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.Contains("actionGroupId: actionGroup.id", alerts, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"project:\s*(\S+)")]
    private static partial Regex ProjectLine();

    [GeneratedRegex(@"module \w+ '\./(app/[\w-]+\.bicep)'")]
    private static partial Regex ModulePath();

    [GeneratedRegex(@"abbrs\.(\w+)")]
    private static partial Regex AbbreviationUse();
}
