using System.Text.Json;
using Microsoft.Extensions.Options;
using Workflow.Engine.Storage;

namespace Workflow.Engine.Logs;

/// <summary>
/// Keeps large task outputs out of the database and out of downstream inputs: an output above the inline limit is
/// written to <c>outputs/{run}/{task}.{attempt}.json</c> and replaced by <c>{"$outputRef": "...", "bytes": n}</c>,
/// which <see cref="ResolveAsync"/> turns back into the value.
/// </summary>
public sealed class OutputStore(SqliteStore store, IOptions<EngineOptions> options)
{
    public const string RefProperty = "$outputRef";

    public string Root { get; } = Path.Combine(store.DataDirectory, "outputs");

    public string RunFolder(string runId) => Path.Combine(Root, FileNames.Safe(runId));

    /// <summary>Returns the output itself when small, or a reference to the file it was written to.</summary>
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

        var relative = Path.Combine(FileNames.Safe(runId), $"{FileNames.Safe(taskKey)}.{attempt}.json");
        var path = Path.Combine(Root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllBytesAsync(path, bytes, cancellationToken);
        return JsonSerializer.SerializeToElement(new Dictionary<string, object>
        {
            [RefProperty] = relative,
            ["bytes"] = bytes.Length,
        });
    }

    public static bool IsReference(JsonElement value) =>
        value.ValueKind == JsonValueKind.Object && value.TryGetProperty(RefProperty, out _);

    /// <summary>The value behind a reference; any other value is returned as it is.</summary>
    public async ValueTask<JsonElement> ResolveAsync(JsonElement value, CancellationToken cancellationToken)
    {
        if (!IsReference(value))
        {
            return value;
        }

        var relative = value.GetProperty(RefProperty).GetString() ?? string.Empty;
        var path = Path.GetFullPath(Path.Combine(Root, relative));
        if (!path.StartsWith(Path.GetFullPath(Root) + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"The output reference '{relative}' points outside the output store.");
        }

        await using var stream = File.OpenRead(path);
        using var document = await JsonDocument.ParseAsync(stream, cancellationToken: cancellationToken);
        return document.RootElement.Clone();
    }
}
