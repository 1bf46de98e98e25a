namespace Workflow.Engine.Storage;

/// <summary>Another live process holds the data directory's lock: this one must not write to the store.</summary>
public sealed class DataDirectoryLockedException(string dataDirectory, int? holder)
    : InvalidOperationException(Describe(dataDirectory, holder))
{
    public string DataDirectory { get; } = dataDirectory;

    /// <summary>The process id the holder wrote into the lock file, when it could be read.</summary>
    public int? HolderProcessId { get; } = holder;

    private static string Describe(string dataDirectory, int? holder) =>
        $"The data directory {dataDirectory} is in use by another Workflow host " +
        (holder is { } pid ? $"(process {pid})" : "(process unknown)") +
        $"; only one host may write to a store. Stop that process or start this one with another --data directory.";
}
