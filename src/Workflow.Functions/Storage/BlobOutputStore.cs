using System.Text.Json;
using Microsoft.Extensions.Options;
using Workflow.Engine.Logs;
using Workflow.Orchestration.Hosting;

namespace Workflow.Functions.Storage;

/// <summary>
/// The output store of the Azure app: an output above <see cref="StorageOptions.OutputInlineLimitBytes"/> is kept
/// as a blob beside the attempt's log (so the logs lifecycle rule expires it too) and passed on by reference; any
/// instance resolves it, since the workers share no disk.
/// </summary>
public sealed class BlobOutputStore(BlobContainers containers, IOptions<StorageOptions> options) : IOutputStore
{
    public async ValueTask<JsonElement?> SpillIfLargeAsync(string runId, string taskKey, int attempt, JsonElement? output,
        CancellationToken cancellationToken)
    {
        if (output is not { } value)
        {
            return null;
        }

        var bytes = JsonSerializer.SerializeToUtf8Bytes(value);
        if (bytes.Length <= options.Value.OutputInlineLimitBytes)
        {
            return value;
        }

        var name = BlobNames.AttemptOutput(runId, taskKey, attempt);
        await containers.Logs.GetBlobClient(name).UploadAsync(BinaryData.FromBytes(bytes), overwrite: true, cancellationToken);
        return OutputReference.Create(name, bytes.Length);
    }

    public async ValueTask<JsonElement> ResolveAsync(JsonElement value, CancellationToken cancellationToken)
    {
        if (OutputReference.LocationOf(value) is not { } name)
        {
            return value;
        }

        if (!name.EndsWith(BlobNames.OutputSuffix, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"The output reference '{name}' does not name a spilled output.");
        }

        var content = await containers.Logs.GetBlobClient(name).DownloadContentAsync(cancellationToken);
        using var document = JsonDocument.Parse(content.Value.Content.ToMemory());
        return document.RootElement.Clone();
    }
}
