namespace Workflow.Json;

/// <summary>
/// A range of instants a request names with <c>from</c> and <c>to</c>: a backfill's (Core's
/// <see cref="Scheduling.BackfillPlanner"/>) and the runs query's (the API). Each answers a range the wrong way round
/// in its own error type, in these words.
/// </summary>
public static class InstantRange
{
    /// <summary>How to fix a range the wrong way round.</summary>
    public const string Hint = "Give a 'to' at or after 'from': swap them.";

    /// <summary>What is wrong when <paramref name="to"/> is before <paramref name="from"/>, else null.</summary>
    public static string? Reversed(DateTimeOffset? from, DateTimeOffset? to) =>
        from is { } start && to is { } end && end < start ? $"'to' ({end:O}) is before 'from' ({start:O})." : null;
}
