namespace Workflow.Functions.Queues;

/// <summary>
/// Where the queues of <c>queue-drain</c> tasks live: the same storage settings as the app's blobs
/// (<c>Workflow:Storage</c>, app settings <c>Workflow__Storage__*</c>), plus the queue endpoint.
/// </summary>
public sealed class QueueStorageOptions
{
    public const string Section = "Workflow:Storage";

    /// <summary>The queue endpoint, reached with the managed identity. Used when set.</summary>
    public Uri? QueueServiceUri { get; set; }

    /// <summary>The user-assigned identity's client id; empty uses the default credential chain.</summary>
    public string? ManagedIdentityClientId { get; set; }

    /// <summary>A connection string, for Azurite (<c>UseDevelopmentStorage=true</c>) when no endpoint is set.</summary>
    public string? ConnectionString { get; set; }
}
