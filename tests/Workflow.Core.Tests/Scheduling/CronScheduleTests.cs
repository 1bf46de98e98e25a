using Workflow.Model;
using Workflow.Scheduling;

namespace Workflow.Core.Tests.Scheduling;

public class CronScheduleTests
{
    private static DateTimeOffset Utc(int y, int mo, int d, int h = 0, int mi = 0, int s = 0) =>
        new(y, mo, d, h, mi, s, TimeSpan.Zero);

    private static ISchedule Cron(string cron, string zone = "UTC") =>
        Schedule.From(new ScheduleDefinition { Cron = cron, TimeZone = zone });

    [Fact]
    public void A_weekly_cron_fires_at_local_time_in_its_zone()
    {
        // 2026-03-02 is a Monday; Berlin is UTC+1 in winter.
        var next = Cron("0 2 * * MON", "Europe/Berlin").Next(Utc(2026, 3, 1), 2);

        Assert.Equal([Utc(2026, 3, 2, 1), Utc(2026, 3, 9, 1)], next);
    }

    [Fact]
    public void L_fires_on_the_last_day_of_each_month()
    {
        var next = Cron("0 9 L * *").Next(Utc(2026, 1, 1), 3);

        Assert.Equal([Utc(2026, 1, 31, 9), Utc(2026, 2, 28, 9), Utc(2026, 3, 31, 9)], next);
    }

    [Fact]
    public void MON_hash_1_fires_on_the_first_monday_of_each_month()
    {
        var next = Cron("0 9 * * MON#1").Next(Utc(2026, 1, 1), 3);

        Assert.Equal([Utc(2026, 1, 5, 9), Utc(2026, 2, 2, 9), Utc(2026, 3, 2, 9)], next);
    }

    [Fact]
    public void Day_of_week_0_and_7_are_sunday_as_in_standard_cron()
    {
        // 2026-03-01 is a Sunday.
        Assert.Equal([Utc(2026, 3, 1)], Cron("0 0 * * 0").Next(Utc(2026, 2, 28), 1));
        Assert.Equal([Utc(2026, 3, 1)], Cron("0 0 * * 7").Next(Utc(2026, 2, 28), 1));
        Assert.Equal([Utc(2026, 3, 2), Utc(2026, 3, 3)], Cron("0 0 * * 1-5").Next(Utc(2026, 2, 28), 2));
    }

    [Fact]
    public void A_six_field_cron_has_seconds_first()
    {
        var next = Cron("15,45 * * * * *").Next(Utc(2026, 1, 1), 3);

        Assert.Equal([Utc(2026, 1, 1, 0, 0, 15), Utc(2026, 1, 1, 0, 0, 45), Utc(2026, 1, 1, 0, 1, 15)], next);
    }

    [Fact]
    public void The_window_is_open_at_the_start_and_closed_at_the_end()
    {
        var occurrences = Cron("0 * * * *").Occurrences(Utc(2026, 1, 1, 1), Utc(2026, 1, 1, 3)).ToList();

        Assert.Equal([Utc(2026, 1, 1, 2), Utc(2026, 1, 1, 3)], occurrences);
    }

    [Fact]
    public void Interval_schedules_count_from_their_anchor()
    {
        var schedule = Schedule.From(new ScheduleDefinition
        {
            Kind = ScheduleKind.Interval,
            Every = TimeSpan.FromMinutes(15),
            Anchor = Utc(2026, 1, 1, 0, 5),
        });

        Assert.Equal([Utc(2026, 1, 1, 0, 5), Utc(2026, 1, 1, 0, 20)], schedule.Next(Utc(2025, 12, 31), 2));
        Assert.Equal([Utc(2026, 1, 1, 1, 5), Utc(2026, 1, 1, 1, 20)], schedule.Next(Utc(2026, 1, 1, 0, 50), 2));
        Assert.Equal([Utc(2026, 1, 1, 1, 20)], schedule.Occurrences(Utc(2026, 1, 1, 1, 5), Utc(2026, 1, 1, 1, 30)));
    }

    [Fact]
    public void A_once_schedule_fires_only_inside_a_window_that_contains_its_instant()
    {
        var schedule = Schedule.From(new ScheduleDefinition { Kind = ScheduleKind.Once, At = Utc(2026, 5, 1, 12) });

        Assert.Equal([Utc(2026, 5, 1, 12)], schedule.Next(Utc(2026, 1, 1), 5));
        Assert.Empty(schedule.Occurrences(Utc(2026, 5, 1, 12), Utc(2027, 1, 1)));
    }

    [Fact]
    public void Schedule_From_refuses_a_bad_definition_with_the_reason()
    {
        var badZone = Assert.Throws<ArgumentException>(() => Cron("0 2 * * *", "Mars/Olympus"));
        var badCron = Assert.Throws<ArgumentException>(() => Cron("0 2 * *"));

        Assert.Contains("Mars/Olympus", badZone.Message, StringComparison.Ordinal);
        Assert.Contains("4 fields", badCron.Message, StringComparison.Ordinal);
    }
}
