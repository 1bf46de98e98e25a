using FsCheck;
using FsCheck.Fluent;
using Workflow.Model;
using Workflow.Scheduling;

namespace Workflow.Core.Tests.Scheduling;

public class SchedulePropertyTests
{
    private static readonly Config Config = Config.QuickThrowOnFailure.WithMaxTest(150);

    private static readonly string[] Crons =
        ["*/15 * * * *", "30 1 * * *", "0 2 * * MON", "45 2 L * *", "0 9 * * MON#1", "10,40 0-3 * * *", "*/20 * 0-3 * * *"];

    private static readonly string[] Zones =
        ["UTC", "Europe/London", "America/New_York", "Australia/Lord_Howe", "Pacific/Chatham", "Asia/Kolkata"];

    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public sealed record Case(ScheduleDefinition Definition, DateTimeOffset From, DateTimeOffset Split, DateTimeOffset To);

    private static readonly Arbitrary<Case> Cases = Arb.From(
        from cron in Gen.Elements(Crons)
        from zone in Gen.Elements(Zones)
        from gap in Gen.Elements(DstGapPolicy.Shift, DstGapPolicy.Skip)
        from overlap in Gen.Elements(DstOverlapPolicy.Once, DstOverlapPolicy.Twice)
        from startMinute in Gen.Choose(0, 365 * 24 * 60)
        from length in Gen.Choose(0, 3 * 24 * 60)
        from split in Gen.Choose(0, 3 * 24 * 60)
        let first = Start.AddMinutes(startMinute)
        select new Case(
            new ScheduleDefinition { Cron = cron, TimeZone = zone, DstGap = gap, DstOverlap = overlap },
            first, first.AddMinutes(Math.Min(split, length)), first.AddMinutes(length)));

    [Fact]
    public void Occurrences_strictly_increase_and_stay_within_the_window()
    {
        Check.One(Config, Prop.ForAll(Cases, c =>
        {
            var fired = Schedule.From(c.Definition).Occurrences(c.From, c.To).ToList();
            return fired.All(o => o > c.From && o <= c.To && o.Offset == TimeSpan.Zero)
                && fired.Zip(fired.Skip(1)).All(p => p.First < p.Second);
        }));
    }

    [Fact]
    public void Splitting_a_window_yields_the_same_occurrences_as_ticks_do()
    {
        Check.One(Config, Prop.ForAll(Cases, c =>
        {
            var schedule = Schedule.From(c.Definition);
            var whole = schedule.Occurrences(c.From, c.To);
            var parts = schedule.Occurrences(c.From, c.Split).Concat(schedule.Occurrences(c.Split, c.To));
            return whole.SequenceEqual(parts);
        }));
    }

    [Fact]
    public void Next_lists_the_first_occurrences_after_an_instant()
    {
        Check.One(Config, Prop.ForAll(Cases, c =>
        {
            var schedule = Schedule.From(c.Definition);
            var next = schedule.Next(c.From, 5);
            return next.Count == 5 && next.SequenceEqual(schedule.Occurrences(c.From, next[^1]));
        }));
    }

    [Fact]
    public void Every_occurrence_maps_back_to_a_wall_clock_time_the_cron_matches_or_a_shift_out_of_a_gap()
    {
        Check.One(Config, Prop.ForAll(Cases, c =>
        {
            var cron = CronParser.Parse(c.Definition.Cron);
            var zone = TimeZones.Get(c.Definition.TimeZone);
            return Schedule.From(c.Definition).Occurrences(c.From, c.To).All(o =>
            {
                var local = NodaTime.Instant.FromDateTimeOffset(o).InZone(zone);
                var wallClock = new DateTimeOffset(local.LocalDateTime.ToDateTimeUnspecified(), TimeSpan.Zero);
                var interval = zone.GetZoneInterval(local.ToInstant());
                var startsInterval = interval.HasStart && interval.Start == local.ToInstant();
                return cron.IsSatisfiedBy(wallClock) || (c.Definition.DstGap == DstGapPolicy.Shift && startsInterval);
            });
        }));
    }
}
