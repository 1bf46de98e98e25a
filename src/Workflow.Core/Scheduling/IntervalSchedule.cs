namespace Workflow.Scheduling;

/// <summary>
/// Fires at <c>anchor + k × every</c> for k = 0, 1, 2, ...: a fixed rhythm in absolute time that DST does not
/// touch, and that does not drift when a tick is late because it never counts from the last run.
/// </summary>
public sealed class IntervalSchedule : ISchedule
{
    public IntervalSchedule(TimeSpan every, DateTimeOffset anchor)
    {
        if (every <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(every), every, "The interval must be more than zero.");
        }

        Every = every;
        Anchor = anchor.ToUniversalTime();
    }

    public TimeSpan Every { get; }

    public DateTimeOffset Anchor { get; }

    public IEnumerable<DateTimeOffset> Occurrences(DateTimeOffset fromExclusive, DateTimeOffset toInclusive)
    {
        var step = Every.Ticks;
        var k = fromExclusive < Anchor ? 0 : ((fromExclusive - Anchor).Ticks / step) + 1;
        var maxK = (DateTimeOffset.MaxValue - Anchor).Ticks / step;
        for (; k <= maxK; k++)
        {
            var next = Anchor.AddTicks(k * step);
            if (next > toInclusive)
            {
                yield break;
            }

            yield return next;
        }
    }
}
