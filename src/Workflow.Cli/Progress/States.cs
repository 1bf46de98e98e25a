using Workflow.Contracts;

namespace Workflow.Cli.Progress;

/// <summary>
/// The run and task status names of the API (<see cref="RunStatusNames"/>, <see cref="TaskStatusNames"/>), grouped
/// the way the CLI needs them. Unknown names from a newer server count as still waiting, so an old CLI keeps watching
/// instead of stopping early.
/// </summary>
public static class States
{
    public const string Pending = TaskStatusNames.Pending;
    public const string Running = RunStatusNames.Running;
    public const string RetryWait = TaskStatusNames.RetryWait;
    public const string Succeeded = RunStatusNames.Succeeded;
    public const string Failed = RunStatusNames.Failed;
    public const string Skipped = TaskStatusNames.Skipped;
    public const string Cancelled = RunStatusNames.Cancelled;
    public const string Queued = RunStatusNames.Queued;
    public const string Suspended = RunStatusNames.Suspended;

    public static bool IsRunFinished(string status) =>
        Is(status, Succeeded) || Is(status, Failed) || Is(status, Cancelled);

    public static bool IsTaskFinished(string status) =>
        Is(status, Succeeded) || Is(status, Failed) || Is(status, Skipped) || Is(status, Cancelled);

    public static bool Is(string status, string name) => string.Equals(status, name, StringComparison.OrdinalIgnoreCase);
}
