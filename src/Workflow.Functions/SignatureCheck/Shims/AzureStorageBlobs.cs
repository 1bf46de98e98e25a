// Signature shim, not an implementation: Azure.Storage.Blobs clients: every overload of the methods the app calls.
// Transcribed from Azure/azure-sdk-for-net sdk/storage/Azure.Storage.Blobs/api/Azure.Storage.Blobs.net10.0.cs (see docs/azure-api-check.md); every body throws. It exists so that
// Workflow.Functions.SignatureCheck can compile the app's code against these signatures here, where the real
// package cannot be restored. It proves nothing about runtime behaviour.
using Azure.Core;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;

namespace Azure.Storage.Blobs;

public class BlobClientOptions
{
}

public class BlobServiceClient
{
    public BlobServiceClient(string connectionString)
    {
    }

    public BlobServiceClient(string connectionString, BlobClientOptions options)
    {
    }

    public BlobServiceClient(Uri serviceUri, AzureSasCredential credential, BlobClientOptions? options = null)
    {
    }

    public BlobServiceClient(Uri serviceUri, TokenCredential credential, BlobClientOptions? options = null)
    {
    }

    public BlobServiceClient(Uri serviceUri, BlobClientOptions? options = null)
    {
    }

    public BlobServiceClient(Uri serviceUri, StorageSharedKeyCredential credential, BlobClientOptions? options = null)
    {
    }

    public virtual BlobContainerClient GetBlobContainerClient(string blobContainerName) =>
        throw new NotSupportedException();
}

public class BlobContainerClient
{
    public virtual BlobClient GetBlobClient(string blobName) => throw new NotSupportedException();

    public virtual AsyncPageable<BlobItem> GetBlobsAsync(BlobTraits traits, BlobStates states, string prefix,
        CancellationToken cancellationToken) => throw new NotSupportedException();

    public virtual AsyncPageable<BlobItem> GetBlobsAsync(GetBlobsOptions? options = null,
        CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public virtual Task<Response<BlobContainerInfo>> CreateIfNotExistsAsync(
        PublicAccessType publicAccessType = PublicAccessType.None, IDictionary<string, string>? metadata = null,
        BlobContainerEncryptionScopeOptions? encryptionScopeOptions = null,
        CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public virtual Task<Response<BlobContainerInfo>> CreateIfNotExistsAsync(PublicAccessType publicAccessType,
        IDictionary<string, string> metadata, CancellationToken cancellationToken) => throw new NotSupportedException();
}

public class BlobClient : BlobBaseClient
{
    public virtual Task<Response<BlobContentInfo>> UploadAsync(BinaryData content) => throw new NotSupportedException();

    public virtual Task<Response<BlobContentInfo>> UploadAsync(BinaryData content, BlobUploadOptions options,
        CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public virtual Task<Response<BlobContentInfo>> UploadAsync(BinaryData content, bool overwrite = false,
        CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public virtual Task<Response<BlobContentInfo>> UploadAsync(BinaryData content,
        CancellationToken cancellationToken) => throw new NotSupportedException();

    public virtual Task<Response<BlobContentInfo>> UploadAsync(Stream content) => throw new NotSupportedException();

    public virtual Task<Response<BlobContentInfo>> UploadAsync(Stream content, BlobUploadOptions options,
        CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public virtual Task<Response<BlobContentInfo>> UploadAsync(Stream content, bool overwrite = false,
        CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public virtual Task<Response<BlobContentInfo>> UploadAsync(Stream content, CancellationToken cancellationToken) =>
        throw new NotSupportedException();
}
