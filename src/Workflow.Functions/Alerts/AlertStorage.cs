using Azure.Data.Tables;
using Azure.Storage.Queues;
using Microsoft.Extensions.Options;
using Workflow.Functions.Storage;

namespace Workflow.Functions.Alerts;

/// <summary>
/// The alerts table and the webhook delivery queue, with Entra ID credentials in Azure and a connection string
/// locally. Queue messages are base64, as the Functions queue trigger reads them by default.
/// </summary>
public sealed class AlertStorage
{
    /// <summary>The queue <see cref="WebhookDeliveryFunction"/> listens on; infra/app/storage.bicep creates it.</summary>
    public const string WebhookQueueName = "alert-webhooks";

    private static readonly QueueClientOptions QueueOptions = new() { MessageEncoding = QueueMessageEncoding.Base64 };

    public AlertStorage(IOptions<StorageOptions> options)
    {
        var o = options.Value;
        var local = o.ConnectionString ?? "UseDevelopmentStorage=true";
        Table = o.TableServiceUri is { } tables
            ? new TableClient(tables, o.AlertsTable, StorageCredential.For(o))
            : new TableClient(local, o.AlertsTable);
        Queue = o.QueueServiceUri is { } queues
            ? new QueueServiceClient(queues, StorageCredential.For(o), QueueOptions).GetQueueClient(WebhookQueueName)
            : new QueueClient(local, WebhookQueueName, QueueOptions);
        IsLocal = o.TableServiceUri is null;
    }

    /// <summary>For tests: a table and a queue of their own on Azurite.</summary>
    public AlertStorage(string connectionString, string table, string queue)
    {
        Table = new TableClient(connectionString, table);
        Queue = new QueueClient(connectionString, queue, QueueOptions);
        IsLocal = true;
    }

    public TableClient Table { get; }
    public QueueClient Queue { get; }

    /// <summary>True against a connection string (Azurite), where the app creates the table and queue itself.</summary>
    public bool IsLocal { get; }

    public async Task CreateIfNotExistsAsync(CancellationToken cancellationToken)
    {
        await Table.CreateIfNotExistsAsync(cancellationToken);
        await Queue.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
    }
}
