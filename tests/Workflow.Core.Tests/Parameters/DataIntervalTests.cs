using Workflow.Model;
using Workflow.Parameters;

namespace Workflow.Core.Tests.Parameters;

public class DataIntervalTests
{
    private static readonly DateTimeOffset Day = new(2026, 3, 2, 0, 0, 0, TimeSpan.Zero);

    private static PipelineDefinition With(params ScheduleDefinition[] schedules) =>
        new() { Id = "p", OwnerGroup = "g", Schedules = schedules, Tasks = [] };

    private static ScheduleDefinition Cron(string cron) => new() { Kind = ScheduleKind.Cron, Cron = cron };

    [Fact]
    public void A_daily_runs_interval_is_the_previous_day()
    {
        Assert.Equal(Day.AddDays(-1), DataInterval.StartOf(With(Cron("0 0 * * *")), Day));
    }

    [Fact]
    public void A_monthly_runs_interval_reaches_back_a_whole_month()
    {
        var april = new DateTimeOffset(2026, 4, 1, 0, 0, 0, TimeSpan.Zero);

        Assert.Equal(new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero),
            DataInterval.StartOf(With(Cron("0 0 1 * *")), april));
    }

    [Fact]
    public void An_interval_schedule_reaches_back_one_interval()
    {
        var every = new ScheduleDefinition
        {
            Kind = ScheduleKind.Interval,
            Every = TimeSpan.FromMinutes(15),
            Anchor = Day,
        };

        Assert.Equal(Day.AddMinutes(30), DataInterval.StartOf(With(every), Day.AddMinutes(45)));
    }

    [Fact]
    public void A_time_that_is_no_occurrence_has_an_empty_interval()
    {
        var manual = Day.AddHours(5).AddMilliseconds(17);

        Assert.Equal(manual, DataInterval.StartOf(With(Cron("0 0 * * *")), manual));
        Assert.Equal(Day, DataInterval.StartOf(With(), Day));
    }

    [Fact]
    public void A_once_schedule_and_a_first_occurrence_have_an_empty_interval()
    {
        var once = new ScheduleDefinition { Kind = ScheduleKind.Once, At = Day };

        Assert.Equal(Day, DataInterval.StartOf(With(once), Day));
    }

    [Fact]
    public void When_two_schedules_fire_together_the_later_previous_occurrence_wins()
    {
        var hourly = Cron("0 * * * *");

        Assert.Equal(Day.AddHours(-1), DataInterval.StartOf(With(Cron("0 0 * * *"), hourly), Day));
    }
}
