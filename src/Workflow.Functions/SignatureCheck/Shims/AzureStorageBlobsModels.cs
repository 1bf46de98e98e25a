// Signature shim, not an implementation: Azure.Storage.Blobs.Models, the members the app uses.
// Transcribed from Azure/azure-sdk-for-net sdk/storage/Azure.Storage.Blobs/api/Azure.Storage.Blobs.net10.0.cs (see docs/azure-api-check.md); every body throws. It exists so that
// Workflow.Functions.SignatureCheck can compile the app's code against these signatures here, where the real
// package cannot be restored. It proves nothing about runtime behaviour.
namespace Azure.Storage.Blobs.Models;

[Flags]
public enum BlobTraits
{
    None = 0,
    Metadata = 2,
}

[Flags]
public enum BlobStates
{
    None = 0,
    Deleted = 2,
}

public class GetBlobsOptions
{
    public BlobTraits Traits { get; set; }
    public BlobStates States { get; set; }
    public string? Prefix { get; set; }
    public string? StartFrom { get; set; }
}

public class BlobItem
{
    public string Name { get; } = "";
}

public class BlobRequestConditions : RequestConditions
{
    public string? LeaseId { get; set; }
    public string? TagConditions { get; set; }
}

public class AppendBlobRequestConditions : BlobRequestConditions
{
}

public class BlobUploadOptions
{
    public BlobRequestConditions? Conditions { get; set; }
}

public class BlobDownloadOptions
{
    public BlobRequestConditions? Conditions { get; set; }
    public HttpRange Range { get; set; }
}

public class BlobDownloadDetails
{
    public ETag ETag { get; }
    public long ContentLength { get; }
}

public class BlobDownloadResult
{
    internal BlobDownloadResult()
    {
    }

    public BinaryData Content { get; } = BinaryData.Empty;
    public BlobDownloadDetails Details { get; } = new();
}

public class BlobProperties
{
    public long ContentLength { get; }
    public ETag ETag { get; }
}

public enum DeleteSnapshotsOption
{
    None = 0,
    IncludeSnapshots = 1,
    OnlySnapshots = 2,
}

public enum PublicAccessType
{
    None = 0,
    BlobContainer = 1,
    Blob = 2,
}

public class BlobContentInfo
{
}

public class BlobContainerInfo
{
}

public class BlobAppendInfo
{
    public int BlobCommittedBlockCount => throw new NotSupportedException();
}

public class BlobContainerEncryptionScopeOptions
{
}

public class BlobHttpHeaders
{
}

public class AppendBlobCreateOptions
{
}

public class AppendBlobAppendBlockOptions
{
}
