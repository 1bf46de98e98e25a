using Microsoft.Extensions.Options;
using Workflow.Engine.Storage;
using Workflow.Runtime.Logs;
using Workflow.Services;

namespace Workflow.Engine.Logs;

/// <summary>Attempt logs as files: <c>logs/{run}/{task}.{attempt}.log</c> under the data directory.</summary>
public sealed class LogStore(SqliteStore store)
{
    public string Root { get; } = Path.Combine(store.DataDirectory, "logs");

    public string RunFolder(string runId) => Path.Combine(Root, FileNames.Safe(runId));

    public string PathOf(string runId, string taskKey, int attempt) =>
        Path.Combine(RunFolder(runId), $"{FileNames.Safe(taskKey)}.{attempt}.log");

    internal TaskLogFile Open(string runId, string taskKey, int attempt) => new(PathOf(runId, taskKey, attempt));

    /// <summary>
    /// Reads <paramref name="range"/> of an attempt's log; null when there is no log file (not written yet, or
    /// removed: the caller tells which from the attempt).
    /// </summary>
    public async ValueTask<LogChunk?> ReadAsync(string runId, string taskKey, int attempt, LogRange range,
        bool finished, CancellationToken cancellationToken)
    {
        var path = PathOf(runId, taskKey, attempt);
        if (!File.Exists(path))
        {
            return null;
        }

        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        var total = stream.Length;
        var buffer = new byte[range.ReadLengthIn(total)];
        stream.Position = range.StartIn(total);
        await stream.ReadExactlyAsync(buffer, cancellationToken);
        return range.Chunk(total, buffer, finished);
    }
}
