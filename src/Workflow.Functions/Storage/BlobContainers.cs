using Azure.Core;
using Azure.Identity;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Options;

namespace Workflow.Functions.Storage;

/// <summary>The two containers the app uses, with Entra ID credentials in Azure and a connection string locally.</summary>
public sealed class BlobContainers
{
    public BlobContainers(IOptions<StorageOptions> options)
    {
        var o = options.Value;
        // ManagedIdentityCredential(string clientId) is obsolete in current Azure.Identity (CS0618 fails this
        // build, which treats warnings as errors); the ManagedIdentityId form is the replacement.
        TokenCredential credential = string.IsNullOrEmpty(o.ManagedIdentityClientId)
            ? new DefaultAzureCredential()
            : new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(o.ManagedIdentityClientId));
        var service = o.BlobServiceUri is { } uri
            ? new BlobServiceClient(uri, credential)
            : new BlobServiceClient(o.ConnectionString ?? "UseDevelopmentStorage=true");
        Definitions = service.GetBlobContainerClient(o.DefinitionsContainer);
        Logs = service.GetBlobContainerClient(o.LogsContainer);
    }

    public BlobContainerClient Definitions { get; }
    public BlobContainerClient Logs { get; }
}
