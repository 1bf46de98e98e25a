using System.Text.Json;
using Workflow.Functions.Http;
using Workflow.Functions.Storage;

namespace Workflow.Functions.Tests.Infra;

/// <summary>
/// The app settings in <c>infra/app/function.bicep</c> against what the app and its host read: nothing the app
/// needs in Azure is missing, and nothing is set that no code reads any more.
/// </summary>
public sealed class AppSettingsTests
{
    /// <summary>Settings the Functions host itself reads; no code of ours names them.</summary>
    private static readonly string[] HostSettings =
    [
        "AzureWebJobsStorage", "FUNCTIONS_WORKER_RUNTIME", "APPLICATIONINSIGHTS_CONNECTION_STRING",
        "APPLICATIONINSIGHTS_AUTHENTICATION_STRING",
    ];

    /// <summary>
    /// Settings App Service injects and the app reads: a local settings file may play the platform's part, but the
    /// function app must not set them (DeploymentParametersTests checks that).
    /// </summary>
    private static readonly string[] PlatformSettings = [EasyAuthHandler.PlatformAuthenticationSetting];

    private static async Task<IReadOnlyList<string>> DeployedSettingsAsync()
    {
        var site = Assert.Single(await CompiledTemplate.ModuleResourcesAsync("function", "Microsoft.Web/sites"));
        return site.Properties.GetProperty("siteConfig").GetProperty("appSettings").EnumerateArray()
            .Select(s => s.GetProperty("name").GetString()!).ToList();
    }

    [Fact]
    public async Task Every_setting_the_app_needs_in_Azure_is_set_on_the_function_app()
    {
        // Arrange
        var needed = AppSettings.PercentReferences()
            .Concat(AppSettings.DirectReads())
            .Concat(AppSettings.IdentityConnection("AzureWebJobsStorage"))
            .Concat(AppSettings.IdentityConnection(AppSettings.DurableConnection))
            // Shared keys are off and Application Insights takes only Entra ID: without these the app would fall
            // back to Azurite for its blobs, and the host's telemetry would be refused.
            .Concat(
            [
                $"Workflow__Storage__{nameof(StorageOptions.BlobServiceUri)}",
                $"Workflow__Storage__{nameof(StorageOptions.ManagedIdentityClientId)}",
                // Without these the alerts table and the webhook queue would be looked for on Azurite.
                $"Workflow__Storage__{nameof(StorageOptions.TableServiceUri)}",
                $"Workflow__Storage__{nameof(StorageOptions.QueueServiceUri)}",
                "APPLICATIONINSIGHTS_AUTHENTICATION_STRING",
            ])
            .Distinct()
            .ToList();

        // Act
        var deployed = await DeployedSettingsAsync();

        // Assert
        Assert.Contains("WORKFLOW_TICK_SCHEDULE", needed);
        Assert.Contains("WORKFLOW_PURGE_SCHEDULE", needed);
        Assert.Contains("WORKFLOW_BACKLOG_SCHEDULE", needed);
        Assert.Contains("WORKFLOW_TASK_HUB", needed);
        Assert.Contains("AZURE_CLIENT_ID", needed);
        var missing = needed.Except(deployed, StringComparer.OrdinalIgnoreCase).ToList();
        Assert.True(missing.Count == 0, $"function.bicep does not set: {string.Join(", ", missing)}");
    }

    [Fact]
    public async Task Every_setting_on_the_function_app_is_read_by_the_app_or_its_host()
    {
        // Act
        var unread = Unread(await DeployedSettingsAsync());

        // Assert
        Assert.True(unread.Count == 0, $"function.bicep sets settings nothing reads: {string.Join(", ", unread)}");
    }

    [Fact]
    public void Every_setting_in_the_local_sample_is_read_by_the_app_or_its_host()
    {
        // Arrange
        var values = RepositoryFiles.Json("local.settings.sample.json").GetProperty("Values");

        // Act
        var unread = Unread(values.EnumerateObject().Select(p => p.Name).ToList());

        // Assert
        Assert.True(unread.Count == 0,
            $"local.settings.sample.json sets settings nothing reads: {string.Join(", ", unread)}");
        Assert.Equal(JsonValueKind.String, values.GetProperty("WORKFLOW_TICK_SCHEDULE").ValueKind);
    }

    [Theory]
    [InlineData("Workflow__Storage__BlobServiceUri", true)]
    [InlineData("Workflow__RunLoop__MaxEventsPerGeneration", true)]
    [InlineData("Workflow__Storage__NoSuchProperty", false)]
    [InlineData("Workflow__NoSuchSection__Enabled", false)]
    [InlineData("DFM_ALLOWED_APP_ROLES", false)]
    public void A_section_setting_counts_as_read_only_when_it_names_a_bound_property(string setting, bool read) =>
        Assert.Equal(read, AppSettings.IsBoundProperty(setting));

    private static List<string> Unread(IReadOnlyList<string> settings)
    {
        var read = AppSettings.PercentReferences()
            .Concat(AppSettings.DirectReads())
            .Concat(AppSettings.IdentityConnection("AzureWebJobsStorage"))
            .Concat(AppSettings.IdentityConnection(AppSettings.DurableConnection))
            .Concat(HostSettings)
            .Concat(PlatformSettings)
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        return settings.Where(s => !read.Contains(s) && !AppSettings.IsBoundProperty(s)).ToList();
    }
}
