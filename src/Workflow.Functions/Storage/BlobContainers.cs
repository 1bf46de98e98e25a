using Azure.Storage.Blobs;
using Microsoft.Extensions.Options;

namespace Workflow.Functions.Storage;

/// <summary>The two containers the app uses, with Entra ID credentials in Azure and a connection string locally.</summary>
public sealed class BlobContainers
{
    public BlobContainers(IOptions<StorageOptions> options)
    {
        var o = options.Value;
        var service = o.BlobServiceUri is { } uri
            ? new BlobServiceClient(uri, StorageCredential.For(o))
            : new BlobServiceClient(o.ConnectionString ?? "UseDevelopmentStorage=true");
        Definitions = service.GetBlobContainerClient(o.DefinitionsContainer);
        Logs = service.GetBlobContainerClient(o.LogsContainer);
    }

    public BlobContainerClient Definitions { get; }
    public BlobContainerClient Logs { get; }
}
