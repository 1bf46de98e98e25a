namespace Workflow.Cli.Progress;

/// <summary>
/// The run and task status names of the API (kebab-case), grouped the way the CLI needs them. Unknown names
/// from a newer server count as still waiting, so an old CLI keeps watching instead of stopping early.
/// </summary>
public static class States
{
    public const string Pending = "pending";
    public const string Running = "running";
    public const string RetryWait = "retry-wait";
    public const string Succeeded = "succeeded";
    public const string Failed = "failed";
    public const string Skipped = "skipped";
    public const string Cancelled = "cancelled";
    public const string Queued = "queued";
    public const string Suspended = "suspended";

    public static bool IsRunFinished(string status) =>
        Is(status, Succeeded) || Is(status, Failed) || Is(status, Cancelled);

    public static bool IsTaskFinished(string status) =>
        Is(status, Succeeded) || Is(status, Failed) || Is(status, Skipped) || Is(status, Cancelled);

    public static bool Is(string status, string name) => string.Equals(status, name, StringComparison.OrdinalIgnoreCase);
}
