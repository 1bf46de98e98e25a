using NodaTime;
using NodaTime.TimeZones;
using Workflow.Model;

namespace Workflow.Sla;

/// <summary>
/// Turns a pipeline's <see cref="DeadlineRule"/> into the instant a given run must be done by. Absolute rules are
/// read in the wall-clock time of their zone (tz database), so "Tuesday 23:59 Europe/Berlin" stays 23:59 local
/// on both sides of a DST change.
/// </summary>
public static class DeadlineCalculator
{
    /// <summary>
    /// The deadline of a run scheduled at <paramref name="scheduledAt"/>, or null when the rule sets none.
    /// A relative rule adds <see cref="DeadlineRule.Within"/>; an absolute rule takes the first matching
    /// day and time at or after the scheduled instant. When both are set, the earlier one counts.
    /// </summary>
    public static DateTimeOffset? Compute(DeadlineRule? rule, DateTimeOffset scheduledAt, string? scheduleTimeZone)
    {
        if (rule is null)
        {
            return null;
        }

        var errors = Validate(rule);
        if (errors.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", errors.Select(e => $"{e.Path}: {e.Message} {e.Hint}")),
                nameof(rule));
        }

        DateTimeOffset? relative = rule.Within is { } within ? scheduledAt + within : null;
        DateTimeOffset? absolute = rule.Time is { } time
            ? NextAbsolute(rule.Day, time, ResolveZone(rule.TimeZone ?? scheduleTimeZone), scheduledAt)
            : null;

        return (relative, absolute) switch
        {
            ({ } r, { } a) => r < a ? r : a,
            ({ } r, null) => r,
            (null, { } a) => a,
            _ => null,
        };
    }

    /// <summary>Problems with a rule, each naming the field, the value and the fix; empty when it is usable.</summary>
    public static IReadOnlyList<SlaRuleError> Validate(DeadlineRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        var errors = new List<SlaRuleError>();
        if (rule.Within is { } w && w <= TimeSpan.Zero)
        {
            errors.Add(new("sla.deadline.within", $"'{w}' is not a positive duration.",
                "Use a duration such as \"8h\"."));
        }

        if (rule.Day is not null && rule.Time is null)
        {
            errors.Add(new("sla.deadline.time", $"A day ('{rule.Day}') is set without a time.",
                "Add a time such as \"23:59\"."));
        }

        if (rule.Within is null && rule.Time is null)
        {
            errors.Add(new("sla.deadline", "The rule sets neither 'within' nor 'time'.",
                "Set \"within\": \"8h\", or \"day\": \"tuesday\" with \"time\": \"23:59\"."));
        }

        if (rule.TimeZone is { } zone && DateTimeZoneProviders.Tzdb.GetZoneOrNull(zone) is null)
        {
            errors.Add(new("sla.deadline.timeZone", $"'{zone}' is not a known time zone.",
                "Use an IANA zone id such as \"Europe/Berlin\" or \"UTC\"."));
        }

        return errors;
    }

    private static DateTimeZone ResolveZone(string? zoneId) =>
        string.IsNullOrWhiteSpace(zoneId)
            ? DateTimeZone.Utc
            : DateTimeZoneProviders.Tzdb.GetZoneOrNull(zoneId) ?? throw new ArgumentException(
                $"sla.deadline.timeZone: '{zoneId}' is not a known time zone. Use an IANA zone id such as \"UTC\".",
                nameof(zoneId));

    private static DateTimeOffset NextAbsolute(DayOfWeek? day, TimeOnly time, DateTimeZone zone,
        DateTimeOffset scheduledAt)
    {
        var start = Instant.FromDateTimeOffset(scheduledAt);
        var localDate = start.InZone(zone).Date;
        var localTime = new LocalTime(time.Hour, time.Minute, time.Second, time.Millisecond);

        // Eight days always reach the wanted weekday even when the first candidate day is already past.
        for (var i = 0; i <= 8; i++)
        {
            var date = localDate.PlusDays(i);
            if (day is { } d && date.DayOfWeek != ToIso(d))
            {
                continue;
            }

            // A time in the spring gap moves forward by the gap; an ambiguous autumn time takes the later
            // instant, since a deadline should not come an hour early.
            var candidate = zone.ResolveLocal(date + localTime, Resolvers.CreateMappingResolver(
                Resolvers.ReturnLater, Resolvers.ReturnForwardShifted));
            if (candidate.ToInstant() >= start)
            {
                return candidate.ToDateTimeOffset();
            }
        }

        throw new InvalidOperationException("No deadline within eight days; unreachable for a weekly rule.");
    }

    private static IsoDayOfWeek ToIso(DayOfWeek day) => day == DayOfWeek.Sunday ? IsoDayOfWeek.Sunday : (IsoDayOfWeek)(int)day;
}
