namespace Workflow.Runtime.Logs;

/// <summary>
/// The output store on a local disk: an output above <paramref name="inlineLimitBytes"/> is written to
/// <c>{root}/{run}/{task}.{attempt}.json</c> and passed on by a reference holding that relative path.
/// </summary>
public sealed class FileOutputStore(string root, int inlineLimitBytes) : SpillingOutputStore(inlineLimitBytes)
{
    public string Root { get; } = Path.GetFullPath(root);

    public string RunFolder(string runId) => Path.Combine(Root, FileNames.Safe(runId));

    protected override string LocationOf(string runId, string taskKey, int attempt) =>
        Path.Combine(FileNames.Safe(runId), $"{FileNames.Safe(taskKey)}.{attempt}.json");

    protected override async ValueTask WriteAsync(string location, byte[] bytes, CancellationToken cancellationToken)
    {
        var path = Path.Combine(Root, location);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllBytesAsync(path, bytes, cancellationToken);
    }

    protected override async ValueTask<ReadOnlyMemory<byte>> ReadAsync(string location, CancellationToken cancellationToken)
    {
        var path = Path.GetFullPath(Path.Combine(Root, location));
        if (!path.StartsWith(Root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"The output reference '{location}' points outside the output store.");
        }

        return await File.ReadAllBytesAsync(path, cancellationToken);
    }
}
