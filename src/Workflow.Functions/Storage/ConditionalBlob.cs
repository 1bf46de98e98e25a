using System.Text.Json;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace Workflow.Functions.Storage;

/// <summary>
/// Optimistic concurrency on one blob, as the catalogue head, the schedule watermarks and the duration samples use
/// it: read the content with its ETag, then write only if the ETag still matches (or, for a blob that did not
/// exist, only if it still does not).
/// </summary>
internal static class ConditionalBlob
{
    /// <summary>The blob's JSON and its ETag; nothing when the blob does not exist or does not hold that JSON.</summary>
    public static async ValueTask<(T? Value, ETag? ETag)> ReadJsonAsync<T>(BlobClient blob,
        CancellationToken cancellationToken) where T : class
    {
        try
        {
            var result = await blob.DownloadContentAsync(cancellationToken);
            return (result.Value.Content.ToObjectFromJson<T>(), result.Value.Details.ETag);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return (null, null);
        }
        catch (JsonException)
        {
            return (null, null);
        }
    }

    /// <summary>Writes <paramref name="content"/> unless another writer changed the blob since <paramref name="expected"/>.</summary>
    /// <returns>False when another writer got there first.</returns>
    public static async ValueTask<bool> TryWriteAsync(BlobClient blob, BinaryData content, ETag? expected,
        CancellationToken cancellationToken)
    {
        var conditions = expected is { } e ? new BlobRequestConditions { IfMatch = e }
            : new BlobRequestConditions { IfNoneMatch = ETag.All };
        try
        {
            await blob.UploadAsync(content, new BlobUploadOptions { Conditions = conditions }, cancellationToken);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status is 409 or 412)
        {
            return false;
        }
    }
}
