using Workflow.Model;

namespace Workflow.Scheduling;

/// <summary>Makes the <see cref="ISchedule"/> a <see cref="ScheduleDefinition"/> describes.</summary>
public static class Schedule
{
    /// <summary>The Unix epoch: where interval schedules without an anchor count from.</summary>
    public static readonly DateTimeOffset DefaultAnchor = DateTimeOffset.UnixEpoch;

    /// <summary>
    /// The schedule's rule within its window (<see cref="ScheduleDefinition.Start"/>,
    /// <see cref="ScheduleDefinition.End"/>). Throws <see cref="ArgumentException"/> with the reason when the
    /// definition cannot fire.
    /// </summary>
    public static ISchedule From(ScheduleDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var rule = Rule(definition);
        return definition.Start is null && definition.End is null
            ? rule
            : new WindowedSchedule(rule, definition.Start, definition.End);
    }

    private static ISchedule Rule(ScheduleDefinition definition) =>
        definition.Kind switch
        {
            ScheduleKind.Cron => new CronSchedule(CronParser.Parse(definition.Cron), TimeZones.Get(definition.TimeZone),
                definition.DstGap, definition.DstOverlap),
            ScheduleKind.Interval => new IntervalSchedule(
                definition.Every ?? throw new ArgumentException("An interval schedule needs 'every'.", nameof(definition)),
                definition.Anchor ?? DefaultAnchor),
            ScheduleKind.Once => new OnceSchedule(
                definition.At ?? throw new ArgumentException("A once schedule needs 'at'.", nameof(definition))),
            _ => throw new ArgumentException($"Unknown schedule kind '{definition.Kind}'.", nameof(definition)),
        };
}
