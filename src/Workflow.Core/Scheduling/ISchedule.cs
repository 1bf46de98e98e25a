namespace Workflow.Scheduling;

/// <summary>
/// When a pipeline fires. The scheduler tick asks for the occurrences in <c>(watermark, now]</c>, so
/// occurrences must split cleanly: the occurrences of (a, c] are those of (a, b] followed by those of (b, c].
/// </summary>
public interface ISchedule
{
    /// <summary>Fire instants in <c>(fromExclusive, toInclusive]</c>, in UTC, strictly increasing, computed lazily.</summary>
    IEnumerable<DateTimeOffset> Occurrences(DateTimeOffset fromExclusive, DateTimeOffset toInclusive);

    /// <summary>The next <paramref name="count"/> fire instants after <paramref name="after"/> (fewer if the schedule ends).</summary>
    IReadOnlyList<DateTimeOffset> Next(DateTimeOffset after, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        return [.. Occurrences(after, DateTimeOffset.MaxValue).Take(count)];
    }
}
