// Signature shim, not an implementation: Azure.Storage.Blobs.Specialized: BlobBaseClient, AppendBlobClient, SpecializedBlobExtensions.
// Transcribed from Azure/azure-sdk-for-net sdk/storage/Azure.Storage.Blobs/api/Azure.Storage.Blobs.net10.0.cs (see docs/azure-api-check.md); every body throws. It exists so that
// Workflow.Functions.SignatureCheck can compile the app's code against these signatures here, where the real
// package cannot be restored. It proves nothing about runtime behaviour.
using Azure.Storage.Blobs.Models;

namespace Azure.Storage.Blobs.Specialized;

public class BlobBaseClient
{
    public virtual string AccountName => throw new NotSupportedException();
    public virtual string BlobContainerName => throw new NotSupportedException();
    public virtual string Name => throw new NotSupportedException();
    public virtual Uri Uri => throw new NotSupportedException();

    public virtual Task<Response<bool>> DeleteIfExistsAsync(
        DeleteSnapshotsOption snapshotsOption = DeleteSnapshotsOption.None, BlobRequestConditions? conditions = null,
        CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public virtual Task<Response<BlobDownloadResult>> DownloadContentAsync() => throw new NotSupportedException();

    public virtual Task<Response<BlobDownloadResult>> DownloadContentAsync(BlobDownloadOptions? options = null,
        CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public virtual Task<Response<BlobDownloadResult>> DownloadContentAsync(BlobRequestConditions conditions,
        IProgress<long> progressHandler, HttpRange range, CancellationToken cancellationToken) =>
        throw new NotSupportedException();

    public virtual Task<Response<BlobDownloadResult>> DownloadContentAsync(BlobRequestConditions conditions,
        CancellationToken cancellationToken) => throw new NotSupportedException();

    public virtual Task<Response<BlobDownloadResult>> DownloadContentAsync(CancellationToken cancellationToken) =>
        throw new NotSupportedException();

    public virtual Task<Response<BlobProperties>> GetPropertiesAsync(BlobRequestConditions? conditions = null,
        CancellationToken cancellationToken = default) => throw new NotSupportedException();
}

public class AppendBlobClient : BlobBaseClient
{
    public virtual int AppendBlobMaxAppendBlockBytes => throw new NotSupportedException();
    public virtual int AppendBlobMaxBlocks => throw new NotSupportedException();

    public virtual Task<Response<BlobAppendInfo>> AppendBlockAsync(Stream content,
        AppendBlobAppendBlockOptions? options = null, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException();

    public virtual Task<Response<BlobAppendInfo>> AppendBlockAsync(Stream content, byte[] transactionalContentHash,
        AppendBlobRequestConditions conditions, IProgress<long> progressHandler, CancellationToken cancellationToken) =>
        throw new NotSupportedException();

    public virtual Task<Response<BlobContentInfo>> CreateIfNotExistsAsync(AppendBlobCreateOptions options,
        CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public virtual Task<Response<BlobContentInfo>> CreateIfNotExistsAsync(BlobHttpHeaders? httpHeaders = null,
        IDictionary<string, string>? metadata = null, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException();
}

public static class SpecializedBlobExtensions
{
    public static AppendBlobClient GetAppendBlobClient(this BlobContainerClient client, string blobName) =>
        throw new NotSupportedException();
}
