namespace Workflow.Contracts;

/// <summary>
/// The run states a server answers today, as the wire writes them (kebab-case). The records carry states as strings,
/// not as an enum, so a client built against this list still reads and shows a state a newer server adds.
/// </summary>
public static class RunStatusNames
{
    public const string Queued = "queued";
    public const string Running = "running";
    public const string Succeeded = "succeeded";
    public const string Failed = "failed";
    public const string Cancelled = "cancelled";
    public const string Suspended = "suspended";

    /// <summary>Every known state, in the order of the server's enum.</summary>
    public static IReadOnlyList<string> All { get; } = [Queued, Running, Succeeded, Failed, Cancelled, Suspended];
}
