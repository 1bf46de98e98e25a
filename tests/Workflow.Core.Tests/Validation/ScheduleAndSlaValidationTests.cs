using Workflow.Model;
using Workflow.Validation;

namespace Workflow.Core.Tests.Validation;

public class ScheduleAndSlaValidationTests
{
    private static ValidationResult Validate(ScheduleDefinition[] schedules, SlaPolicy? sla = null) =>
        new PipelineValidator().Validate(new PipelineDefinition
        {
            Id = "p",
            OwnerGroup = "g",
            Schedules = schedules,
            Sla = sla,
            Tasks = [new TaskDefinition { Id = "a", Kind = "custom" }],
        });

    [Fact]
    public void Good_schedules_of_every_kind_are_valid()
    {
        var result = Validate([
            new ScheduleDefinition { Cron = "0 2 * * MON", TimeZone = "Europe/Berlin" },
            new ScheduleDefinition { Cron = "30 0 9 L * *" },
            new ScheduleDefinition { Cron = "0 9 * * MON#1", TimeZone = "America/New_York" },
            new ScheduleDefinition { Kind = ScheduleKind.Interval, Every = TimeSpan.FromMinutes(15) },
            new ScheduleDefinition { Kind = ScheduleKind.Once, At = new DateTimeOffset(2026, 1, 1, 2, 0, 0, TimeSpan.Zero) },
        ]);

        Assert.True(result.IsValid, string.Join("; ", result.Errors));
    }

    [Fact]
    public void A_bad_cron_an_unknown_zone_a_zero_interval_and_a_missing_instant_are_all_reported()
    {
        var result = Validate([
            new ScheduleDefinition { Cron = "0 25 * * *" },
            new ScheduleDefinition { Cron = "0 2 * * *", TimeZone = "Europe/Berln" },
            new ScheduleDefinition { Kind = ScheduleKind.Interval, Every = TimeSpan.Zero },
            new ScheduleDefinition { Kind = ScheduleKind.Once },
            new ScheduleDefinition { Cron = "0 2 * *" },
        ]);

        Assert.Equal(
            ["schedules[0].cron", "schedules[1].timeZone", "schedules[2].every", "schedules[3].at", "schedules[4].cron"],
            result.Errors.Select(e => e.Path));
        Assert.Contains("0 25 * * *", result.Errors[0].Message, StringComparison.Ordinal);
        Assert.Equal("Did you mean 'Europe/Berlin'?", result.Errors[1].Hint);
        Assert.Contains("4 fields", result.Errors[4].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_catch_up_of_no_runs_is_refused_with_a_hint_that_shows_the_field_in_use()
    {
        var result = Validate([
            new ScheduleDefinition { Cron = "0 2 * * *", CatchUp = new CatchUpPolicy { Mode = CatchUpMode.All, MaxRuns = 0 } },
        ]);

        var error = Assert.Single(result.Errors);
        Assert.Equal("schedules[0].catchUp.maxRuns", error.Path);
        Assert.Contains("\"maxRuns\": 10", error.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_zone_is_refused_on_an_interval_or_once_schedule_too()
    {
        // The preview and the deadline read the zone of every kind; an unknown one hid the schedule from both.
        var result = Validate([
            new ScheduleDefinition
            {
                Kind = ScheduleKind.Interval, Every = TimeSpan.FromMinutes(5), TimeZone = "Mars/Olympus",
            },
            new ScheduleDefinition
            {
                Kind = ScheduleKind.Once, At = new DateTimeOffset(2027, 1, 1, 2, 0, 0, TimeSpan.Zero),
                TimeZone = "Europe/Berln",
            },
        ]);

        Assert.Equal(["schedules[0].timeZone", "schedules[1].timeZone"], result.Errors.Select(e => e.Path));
        Assert.Equal("Did you mean 'Europe/Berlin'?", result.Errors[1].Hint);
    }

    [Fact]
    public void A_cron_restricting_both_day_of_month_and_day_of_week_is_refused_with_the_reason()
    {
        var result = Validate([new ScheduleDefinition { Cron = "0 2 1 * MON" }]);

        var error = Assert.Single(result.Errors);
        Assert.Contains("both the day of month", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Deadline_rules_and_alert_urls_are_checked()
    {
        var sla = new SlaPolicy
        {
            Deadline = new DeadlineRule { Day = DayOfWeek.Tuesday, TimeZone = "Mars/Olympus" },
            Channels = [new AlertChannel { Url = "not a url" }],
            SlowFactor = 0,
        };

        var result = Validate([], sla);

        Assert.Equal(["sla.slowFactor", "sla.deadline.time", "sla.deadline.timeZone", "sla.channels[0].url"],
            result.Errors.Select(e => e.Path));
    }
}
