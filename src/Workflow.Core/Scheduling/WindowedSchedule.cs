namespace Workflow.Scheduling;

/// <summary>
/// A schedule limited to its validity window <c>[start, end]</c> (both inclusive, either open): nothing fires
/// before <c>start</c>, and nothing after <c>end</c>, ever. <see cref="Schedule.From"/> applies it, so the tick,
/// the preview and backfills all see the same window.
/// </summary>
public sealed class WindowedSchedule(ISchedule inner, DateTimeOffset? start, DateTimeOffset? end) : ISchedule
{
    public ISchedule Inner { get; } = inner ?? throw new ArgumentNullException(nameof(inner));

    public DateTimeOffset? Start { get; } = start?.ToUniversalTime();

    public DateTimeOffset? End { get; } = end?.ToUniversalTime();

    public IEnumerable<DateTimeOffset> Occurrences(DateTimeOffset fromExclusive, DateTimeOffset toInclusive)
    {
        var from = Start is { } s && s > DateTimeOffset.MinValue && s.AddTicks(-1) > fromExclusive
            ? s.AddTicks(-1)
            : fromExclusive;
        var to = End is { } e && e < toInclusive ? e : toInclusive;
        return to <= from ? [] : Inner.Occurrences(from, to);
    }
}
