using Microsoft.Extensions.Options;
using Workflow.Runtime.Logs;

namespace Workflow.Functions.Storage;

/// <summary>
/// The output store of the Azure app: an output above <see cref="StorageOptions.OutputInlineLimitBytes"/> is kept
/// as a blob beside the attempt's log (so the logs lifecycle rule expires it too) and passed on by reference; any
/// instance resolves it, since the workers share no disk.
/// </summary>
public sealed class BlobOutputStore(BlobContainers containers, IOptions<StorageOptions> options)
    : SpillingOutputStore(options.Value.OutputInlineLimitBytes)
{
    protected override string LocationOf(string runId, string taskKey, int attempt) =>
        BlobNames.AttemptOutput(runId, taskKey, attempt);

    protected override async ValueTask WriteAsync(string location, byte[] bytes, CancellationToken cancellationToken) =>
        await containers.Logs.GetBlobClient(location).UploadAsync(BinaryData.FromBytes(bytes), overwrite: true,
            cancellationToken);

    protected override async ValueTask<ReadOnlyMemory<byte>> ReadAsync(string location, CancellationToken cancellationToken)
    {
        if (!location.EndsWith(BlobNames.OutputSuffix, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"The output reference '{location}' does not name a spilled output.");
        }

        var content = await containers.Logs.GetBlobClient(location).DownloadContentAsync(cancellationToken);
        return content.Value.Content.ToMemory();
    }
}
