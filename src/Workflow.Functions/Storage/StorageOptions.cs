namespace Workflow.Functions.Storage;

/// <summary>
/// Where the app's blobs, alerts table and webhook queue live; bound from <c>Workflow:Storage</c> (app settings
/// <c>Workflow__Storage__*</c>).
/// </summary>
public sealed class StorageOptions
{
    public const string Section = "Workflow:Storage";

    /// <summary>The blob endpoint, reached with the managed identity. Used when set.</summary>
    public Uri? BlobServiceUri { get; set; }


    /// <summary>The user-assigned identity's client id; empty uses the default credential chain.</summary>
    public string? ManagedIdentityClientId { get; set; }

    /// <summary>A connection string, for Azurite (<c>UseDevelopmentStorage=true</c>) when no endpoint is set.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>The table endpoint of the alerts table, reached with the managed identity. Used when set.</summary>
    public Uri? TableServiceUri { get; set; }

    /// <summary>
    /// The queue endpoint, reached with the managed identity: <c>queue-drain</c> tasks' Storage queues and the webhook
    /// delivery queue (the account the queue trigger listens on).
    /// </summary>
    public Uri? QueueServiceUri { get; set; }

    public string AlertsTable { get; set; } = "alerts";

    public string DefinitionsContainer { get; set; } = "definitions";
    public string LogsContainer { get; set; } = "logs";

    /// <summary>
    /// Outputs larger than this go to a blob next to the attempt's log and travel by reference, which keeps them out
    /// of orchestration history (Durable moves messages above about 45 KB to blobs of its own).
    /// </summary>
    public int OutputInlineLimitBytes { get; set; } = 32 * 1024;
}
