using System.Text.Json;

namespace Workflow.Runtime.Logs;

/// <summary>
/// Keeps large task outputs out of run state and out of downstream inputs: an output above the inline limit is
/// stored elsewhere and replaced by an <see cref="OutputReference"/>, which <see cref="ResolveAsync"/> turns back
/// into the value. The embedded host keeps outputs in files (<see cref="FileOutputStore"/>); a host whose workers
/// share no disk supplies its own store.
/// </summary>
public interface IOutputStore
{
    /// <summary>Returns the output itself when small, or a reference to where it was stored.</summary>
    ValueTask<JsonElement?> SpillIfLargeAsync(string runId, string taskKey, int attempt, JsonElement? output,
        CancellationToken cancellationToken);

    /// <summary>The value behind a reference; any other value is returned as it is.</summary>
    ValueTask<JsonElement> ResolveAsync(JsonElement value, CancellationToken cancellationToken);
}
