using System.Text.Json;

namespace Workflow.Engine.Logs;

/// <summary>
/// The output store on a local disk: an output above <paramref name="inlineLimitBytes"/> is written to
/// <c>{root}/{run}/{task}.{attempt}.json</c> and passed on by a reference holding that relative path.
/// </summary>
public sealed class FileOutputStore(string root, int inlineLimitBytes) : IOutputStore
{
    public string Root { get; } = Path.GetFullPath(root);

    public string RunFolder(string runId) => Path.Combine(Root, FileNames.Safe(runId));

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

        var relative = Path.Combine(FileNames.Safe(runId), $"{FileNames.Safe(taskKey)}.{attempt}.json");
        var path = Path.Combine(Root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllBytesAsync(path, bytes, cancellationToken);
        return OutputReference.Create(relative, bytes.Length);
    }

    public async ValueTask<JsonElement> ResolveAsync(JsonElement value, CancellationToken cancellationToken)
    {
        if (OutputReference.LocationOf(value) is not { } relative)
        {
            return value;
        }

        var path = Path.GetFullPath(Path.Combine(Root, relative));
        if (!path.StartsWith(Root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"The output reference '{relative}' points outside the output store.");
        }

        await using var stream = File.OpenRead(path);
        using var document = await JsonDocument.ParseAsync(stream, cancellationToken: cancellationToken);
        return document.RootElement.Clone();
    }
}
