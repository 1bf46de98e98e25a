using Workflow.Functions.Alerts;
using Workflow.Functions.Storage;

namespace Workflow.Functions.Tests.Infra;

/// <summary>The storage module creates the alerts table and the webhook queue under the names the app uses.</summary>
public sealed class AlertStorageNamesTests
{
    [Fact]
    public async Task The_storage_module_creates_the_queue_the_trigger_listens_on_and_the_default_alerts_table()
    {
        // Arrange
        var storage = (await CompiledTemplate.ModuleAsync("storage")).GetProperty("properties").GetProperty("template");

        // Act
        var queue = storage.GetProperty("variables").GetProperty("webhookQueueName").GetString();
        var table = storage.GetProperty("parameters").GetProperty("alertsTableName").GetProperty("defaultValue")
            .GetString();

        // Assert
        Assert.Equal(AlertStorage.WebhookQueueName, queue);
        Assert.Equal(new StorageOptions().AlertsTable, table);
    }
}
