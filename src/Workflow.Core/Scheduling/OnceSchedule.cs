namespace Workflow.Scheduling;

/// <summary>Fires once, at an instant.</summary>
public sealed class OnceSchedule(DateTimeOffset at) : ISchedule
{
    public DateTimeOffset At { get; } = at.ToUniversalTime();

    public IEnumerable<DateTimeOffset> Occurrences(DateTimeOffset fromExclusive, DateTimeOffset toInclusive) =>
        At > fromExclusive && At <= toInclusive ? [At] : [];
}
