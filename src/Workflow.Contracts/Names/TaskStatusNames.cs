namespace Workflow.Contracts;

/// <summary>
/// The states of a task instance and of an attempt, as the wire writes them. Strings on the wire, for the reason
/// <see cref="RunStatusNames"/> gives.
/// </summary>
public static class TaskStatusNames
{
    public const string Pending = "pending";
    public const string Running = "running";
    public const string RetryWait = "retry-wait";
    public const string Succeeded = "succeeded";
    public const string Failed = "failed";
    public const string Skipped = "skipped";
    public const string Cancelled = "cancelled";
    public const string Ready = "ready";

    /// <summary>Every known state, in the order of the server's enum.</summary>
    public static IReadOnlyList<string> All { get; } =
        [Pending, Running, RetryWait, Succeeded, Failed, Skipped, Cancelled, Ready];
}
