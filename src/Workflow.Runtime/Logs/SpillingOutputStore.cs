using System.Text.Json;

namespace Workflow.Runtime.Logs;

/// <summary>
/// What every output store shares: measure an output, store it when it is above the inline limit and hand back an
/// <see cref="OutputReference"/>, and follow such a reference back to the value. A store says only where a spilled
/// output goes and how its bytes are written and read.
/// </summary>
public abstract class SpillingOutputStore(int inlineLimitBytes) : IOutputStore
{
    public async ValueTask<JsonElement?> SpillIfLargeAsync(string runId, string taskKey, int attempt, JsonElement? output,
        CancellationToken cancellationToken)
    {
        if (output is not { } value)
        {
            return null;
        }

        var bytes = JsonSerializer.SerializeToUtf8Bytes(value);
        if (bytes.Length <= inlineLimitBytes)
        {
            return value;
        }

        var location = LocationOf(runId, taskKey, attempt);
        await WriteAsync(location, bytes, cancellationToken);
        return OutputReference.Create(location, bytes.Length);
    }

    public async ValueTask<JsonElement> ResolveAsync(JsonElement value, CancellationToken cancellationToken)
    {
        if (OutputReference.LocationOf(value) is not { } location)
        {
            return value;
        }

        using var document = JsonDocument.Parse(await ReadAsync(location, cancellationToken));
        return document.RootElement.Clone();
    }

    /// <summary>Where the output of one attempt is kept; it becomes the reference's location.</summary>
    protected abstract string LocationOf(string runId, string taskKey, int attempt);

    protected abstract ValueTask WriteAsync(string location, byte[] bytes, CancellationToken cancellationToken);

    /// <summary>The bytes at <paramref name="location"/>; throws for a location this store would never make.</summary>
    protected abstract ValueTask<ReadOnlyMemory<byte>> ReadAsync(string location, CancellationToken cancellationToken);
}
