namespace Workflow.Runtime.Logs;

/// <summary>Limits on what one attempt may write to its log (<c>Workflow:Logs</c>), the same in both hosts.</summary>
public sealed class TaskLogOptions
{
    public const string Section = "Workflow:Logs";

    /// <summary>
    /// The most bytes one attempt's log keeps (64 MB by default; 0 or less keeps everything). A task that writes
    /// more, such as a command stuck printing in a loop, gets one line saying the log was cut and where, and its
    /// later lines are dropped: it goes on running, but it cannot fill the host's disk or the log store.
    /// </summary>
    public long MaxBytesPerAttempt { get; set; } = 64L * 1024 * 1024;
}
