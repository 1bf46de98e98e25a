using Workflow.Model;
using Workflow.Sla;

namespace Workflow.Core.Tests.Sla;

public class DeadlineCalculatorTests
{
    private static readonly DeadlineRule TuesdayNight = new()
    {
        Day = DayOfWeek.Tuesday,
        Time = new TimeOnly(23, 59),
        TimeZone = "Europe/Berlin",
    };

    [Fact]
    public void A_relative_rule_adds_its_duration_to_the_scheduled_time()
    {
        var scheduled = new DateTimeOffset(2026, 3, 1, 2, 0, 0, TimeSpan.Zero);

        var deadline = DeadlineCalculator.Compute(new DeadlineRule { Within = TimeSpan.FromHours(8) }, scheduled, null);

        Assert.Equal(scheduled.AddHours(8), deadline);
    }

    [Fact]
    public void A_weekly_rule_takes_the_next_matching_day_in_winter_time()
    {
        // Sunday 1 March 2026, 02:00 UTC; Berlin is on CET (+1) that week.
        var scheduled = new DateTimeOffset(2026, 3, 1, 2, 0, 0, TimeSpan.Zero);

        var deadline = DeadlineCalculator.Compute(TuesdayNight, scheduled, "UTC");

        Assert.Equal(new DateTimeOffset(2026, 3, 3, 22, 59, 0, TimeSpan.Zero), deadline!.Value.ToUniversalTime());
        Assert.Equal(TimeSpan.FromHours(1), deadline.Value.Offset);
    }

    [Fact]
    public void A_weekly_rule_keeps_its_wall_clock_time_across_the_spring_change()
    {
        // Sunday 29 March 2026 is the day Berlin moves to CEST (+2); Tuesday 23:59 is then 21:59 UTC.
        var scheduled = new DateTimeOffset(2026, 3, 29, 0, 30, 0, TimeSpan.Zero);

        var deadline = DeadlineCalculator.Compute(TuesdayNight, scheduled, null);

        Assert.Equal(new DateTimeOffset(2026, 3, 31, 21, 59, 0, TimeSpan.Zero), deadline!.Value.ToUniversalTime());
    }

    [Fact]
    public void A_deadline_time_inside_the_spring_gap_moves_forward_by_the_gap()
    {
        var rule = new DeadlineRule { Day = DayOfWeek.Sunday, Time = new TimeOnly(2, 30), TimeZone = "Europe/Berlin" };
        var scheduled = new DateTimeOffset(2026, 3, 28, 12, 0, 0, TimeSpan.Zero);

        var deadline = DeadlineCalculator.Compute(rule, scheduled, null);

        // 02:30 does not exist that night; it becomes 03:30 CEST, 01:30 UTC.
        Assert.Equal(new DateTimeOffset(2026, 3, 29, 1, 30, 0, TimeSpan.Zero), deadline!.Value.ToUniversalTime());
    }

    [Fact]
    public void An_ambiguous_autumn_deadline_takes_the_later_instant()
    {
        var rule = new DeadlineRule { Day = DayOfWeek.Sunday, Time = new TimeOnly(2, 30), TimeZone = "Europe/Berlin" };
        var scheduled = new DateTimeOffset(2026, 10, 24, 12, 0, 0, TimeSpan.Zero);

        var deadline = DeadlineCalculator.Compute(rule, scheduled, null);

        // 02:30 happens twice on 25 October 2026; the second time is CET, 01:30 UTC.
        Assert.Equal(new DateTimeOffset(2026, 10, 25, 1, 30, 0, TimeSpan.Zero), deadline!.Value.ToUniversalTime());
    }

    [Fact]
    public void A_run_scheduled_after_this_weeks_deadline_time_gets_next_weeks()
    {
        // Tuesday 3 March 2026 23:30 UTC is already Wednesday 00:30 in Berlin.
        var scheduled = new DateTimeOffset(2026, 3, 3, 23, 30, 0, TimeSpan.Zero);

        var deadline = DeadlineCalculator.Compute(TuesdayNight, scheduled, null);

        Assert.Equal(new DateTimeOffset(2026, 3, 10, 22, 59, 0, TimeSpan.Zero), deadline!.Value.ToUniversalTime());
    }

    [Fact]
    public void The_zone_defaults_to_the_schedules_zone_then_utc()
    {
        var rule = new DeadlineRule { Time = new TimeOnly(18, 0) };
        var scheduled = new DateTimeOffset(2026, 7, 1, 6, 0, 0, TimeSpan.Zero);

        var inNewYork = DeadlineCalculator.Compute(rule, scheduled, "America/New_York");
        var inUtc = DeadlineCalculator.Compute(rule, scheduled, null);

        Assert.Equal(new DateTimeOffset(2026, 7, 1, 22, 0, 0, TimeSpan.Zero), inNewYork!.Value.ToUniversalTime());
        Assert.Equal(new DateTimeOffset(2026, 7, 1, 18, 0, 0, TimeSpan.Zero), inUtc!.Value.ToUniversalTime());
    }

    [Fact]
    public void With_both_kinds_of_rule_the_earlier_deadline_counts()
    {
        var rule = TuesdayNight with { Within = TimeSpan.FromHours(10) };
        var scheduled = new DateTimeOffset(2026, 3, 1, 2, 0, 0, TimeSpan.Zero);

        Assert.Equal(scheduled.AddHours(10), DeadlineCalculator.Compute(rule, scheduled, null));
    }

    [Fact]
    public void An_unknown_zone_is_reported_with_the_field_the_value_and_the_fix()
    {
        var rule = TuesdayNight with { TimeZone = "Europe/Atlantis" };

        var error = Assert.Single(DeadlineCalculator.Validate(rule));
        var thrown = Assert.Throws<ArgumentException>(() =>
            DeadlineCalculator.Compute(rule, DateTimeOffset.UnixEpoch, null));

        Assert.Equal("sla.deadline.timeZone", error.Path);
        Assert.Contains("Europe/Atlantis", error.Message, StringComparison.Ordinal);
        Assert.Contains("IANA", error.Hint, StringComparison.Ordinal);
        Assert.Contains("Europe/Atlantis", thrown.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_rule_without_within_or_time_is_rejected_and_no_rule_means_no_deadline()
    {
        Assert.Contains(DeadlineCalculator.Validate(new DeadlineRule { Day = DayOfWeek.Monday }),
            e => e.Path == "sla.deadline.time");
        Assert.Null(DeadlineCalculator.Compute(null, DateTimeOffset.UnixEpoch, null));
    }
}
