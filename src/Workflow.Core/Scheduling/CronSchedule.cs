using NodaTime;
using Quartz;
using Workflow.Model;

namespace Workflow.Scheduling;

/// <summary>
/// A cron schedule in a time zone with an explicit DST policy. Quartz yields wall-clock date-times (it runs on
/// UTC, so it knows no DST); each is mapped into the zone with NodaTime: a time in the spring gap is skipped or
/// shifted to the end of the gap, a time in the autumn overlap fires at its first instant or at both.
/// </summary>
public sealed class CronSchedule : ISchedule
{
    private readonly CronExpression _cron;
    private readonly Duration _minOffset;
    private readonly Duration _maxOffset;

    public CronSchedule(CronExpression cron, DateTimeZone zone, DstGapPolicy gap, DstOverlapPolicy overlap)
    {
        ArgumentNullException.ThrowIfNull(cron);
        ArgumentNullException.ThrowIfNull(zone);
        if (!Equals(cron.TimeZone, TimeZoneInfo.Utc))
        {
            throw new ArgumentException("The cron expression must run on UTC wall-clock time (see CronParser).",
                nameof(cron));
        }

        _cron = cron;
        Zone = zone;
        Gap = gap;
        Overlap = overlap;
        _minOffset = Duration.FromTimeSpan(zone.MinOffset.ToTimeSpan());
        _maxOffset = Duration.FromTimeSpan(zone.MaxOffset.ToTimeSpan());
    }

    public DateTimeZone Zone { get; }

    public DstGapPolicy Gap { get; }

    public DstOverlapPolicy Overlap { get; }

    public IEnumerable<DateTimeOffset> Occurrences(DateTimeOffset fromExclusive, DateTimeOffset toInclusive)
    {
        var from = Instant.FromDateTimeOffset(fromExclusive);
        var to = Instant.FromDateTimeOffset(toInclusive);
        if (to <= from)
        {
            yield break;
        }

        // A wall-clock time L maps to L - offset(L), so only wall-clock times after from + MinOffset can map
        // after `from`. Instants from overlaps and shifts can come out of order; they wait in `pending` until no
        // later wall-clock time can map before them (L - MaxOffset is a lower bound for every later one).
        var cursor = AsWallClock(from + _minOffset);
        var pending = new SortedSet<Instant>();
        Instant? last = null;
        while (true)
        {
            var next = cursor is { } c ? _cron.GetNextValidTimeAfter(c) : null;
            Instant? bound = next is { } n ? Instant.FromDateTimeOffset(n) - _maxOffset : null;
            while (pending.Count > 0 && (bound is null || pending.Min <= bound))
            {
                var instant = pending.Min;
                pending.Remove(instant);
                if (instant > to)
                {
                    yield break;
                }

                if (last is null || instant > last)
                {
                    last = instant;
                    yield return instant.ToDateTimeOffset();
                }
            }

            if (next is null || bound > to)
            {
                yield break;
            }

            foreach (var instant in Resolve(LocalDateTime.FromDateTime(next.Value.DateTime)))
            {
                if (instant > from)
                {
                    pending.Add(instant);
                }
            }

            cursor = next;
        }
    }

    /// <summary>The instants at which a wall-clock fire time fires, under the DST policy.</summary>
    public IEnumerable<Instant> Resolve(LocalDateTime local)
    {
        var mapping = Zone.MapLocal(local);
        switch (mapping.Count)
        {
            case 1:
                yield return mapping.Single().ToInstant();
                break;
            case 2:
                yield return mapping.First().ToInstant();
                if (Overlap == DstOverlapPolicy.Twice)
                {
                    yield return mapping.Last().ToInstant();
                }

                break;
            default:
                if (Gap == DstGapPolicy.Shift)
                {
                    yield return mapping.LateInterval.Start;
                }

                break;
        }
    }

    // Quartz works in DateTimeOffset; the wall-clock reading of an instant is kept as a UTC DateTimeOffset.
    private static DateTimeOffset? AsWallClock(Instant instant)
    {
        var min = Instant.FromDateTimeOffset(DateTimeOffset.MinValue);
        var max = Instant.FromDateTimeOffset(DateTimeOffset.MaxValue);
        return instant < min ? DateTimeOffset.MinValue : instant > max ? null : instant.ToDateTimeOffset();
    }
}
